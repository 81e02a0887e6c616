import { describe, expect, it } from "vitest";

import { CAUSE_NAMES, SERVICE_NAMES } from "../../app/domain/policy/words";
import { adminT } from "../../app/i18n/i18n.server";
import { PLACEHOLDER_HELP, STEP_LABELS } from "../../app/messaging/editor.server";
import { PLACEHOLDERS } from "../../app/messaging/templates.server";
import { MOVE_LABELS, REPAIR_MOVES, REPAIR_STATES, STATE_LABELS, check, refusalOf, sayRefusal } from "../../app/repairs/machine";
import { entryText } from "../../app/repairs/entry-words";
import { workLabel } from "../../app/repairs/ui";

/**
 * The bench's and the shopper-emails page's words live in the catalogue (`bench.*`, `emails.*`);
 * the English the POS screens, the timeline and the tests read from the code is the same text.
 */
describe("the bench's and the emails page's catalogue", () => {
  const en = adminT("en");
  const fr = adminT("fr");

  it("GIVEN the machine's English labels WHEN read beside bench.state and bench.move THEN they are the catalogue's English", () => {
    for (const s of REPAIR_STATES) expect(en(`bench.state.${s}`), s).toBe(STATE_LABELS[s]);
    for (const m of REPAIR_MOVES) expect(en(`bench.move.${m}`), m).toBe(MOVE_LABELS[m]);
    expect(fr("bench.state.ready")).toBe("Prêt à retirer");
    expect(fr("bench.state.sent_back")).toBe("Renvoyé");
  });

  it("GIVEN every state and move WHEN a move is refused THEN the catalogue's English is check()'s reason, and French says it with the same states and moves", () => {
    let refused = 0;
    for (const s of REPAIR_STATES) {
      for (const m of REPAIR_MOVES) {
        const refusal = refusalOf(s, m);
        const verdict = check(s, m);
        expect(refusal === null, `${s} ${m}`).toBe(verdict.ok);
        if (!refusal || verdict.ok) continue;
        refused++;
        expect(sayRefusal(refusal, en)).toBe(verdict.reason);
        expect(sayRefusal(refusal, fr)).not.toMatch(/[a-z]+\.[a-z_]+\.|cannot|ticket/);
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(sayRefusal(refusalOf("at_bench", "intake")!, fr)).toBe("Une fiche à l'étape « à l'établi » ne peut pas être prise en charge ; elle peut être marquée prête à retirer ou annulée.");
    expect(sayRefusal(refusalOf("collected", "cancel")!, fr)).toBe("Cette fiche est à l'étape « retiré » : son travail est terminé, plus rien ne la fait avancer.");
  });

  it("GIVEN the policy's causes and services WHEN read from the catalogue in English THEN they are the domain's words", () => {
    for (const [cause, words] of Object.entries(CAUSE_NAMES)) expect(en(`bench.cause.${cause}`)).toBe(words);
    for (const [service, words] of Object.entries(SERVICE_NAMES)) expect(en(`bench.service.${service}`)).toBe(words);
  });

  it("GIVEN a ticket's origin, kind and service WHEN its work is named THEN the merchant's own label wins, else the catalogue's words", () => {
    expect(workLabel({ origin: "quote", kind: "service", service: "resize", serviceLabel: null }, en)).toBe("Resizing (paid, quoted)");
    expect(workLabel({ origin: "quote", kind: "service", service: "resize", serviceLabel: null }, fr)).toBe("Mise à taille (payant, sur devis)");
    expect(workLabel({ origin: "repair", kind: "warranty", service: null, serviceLabel: null }, fr)).toBe("Réparation sous garantie");
    expect(workLabel({ origin: "repair", kind: "service", service: "cleaning", serviceLabel: "Ultrasonic clean" }, fr)).toBe("Ultrasonic clean");
  });

  it("GIVEN the email steps and placeholders WHEN read from the catalogue in English THEN they are the editor's words, braces kept", () => {
    // The page passes each placeholder as its own braces, as it does here.
    const braces = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `{${p}}`]));
    for (const [step, { label, when }] of Object.entries(STEP_LABELS)) expect([en(`emails.steps.${step}.label`), en(`emails.steps.${step}.when`, braces)], step).toEqual([label, when]);
    for (const [name, help] of Object.entries(PLACEHOLDER_HELP)) expect(en(`emails.placeholder.${name}`)).toBe(help);
    expect(fr("emails.steps.repair_received.when", braces)).toContain("{job} et {due}");
  });

  it("GIVEN a ticket's timeline entry with its words WHEN read in French THEN it is said from the catalogue, the merchant's text kept; in English, and without words, it reads as written", () => {
    const data = {
      job: "J-1042",
      words: [
        { key: "ticket.entry.takenIn", values: { job: "J-1042", description: "Yellow metal ring.", condition: "Claw lifting" } },
        { key: "ticket.entry.declared", values: { amount: "250,00 £GB" } },
        { key: "ticket.entry.terms" },
        { key: "ticket.entry.promised", values: { date: "2026-12-11", count: 5 } },
      ],
    };
    const message = "J-1042 taken in: Yellow metal ring. Condition: Claw lifting; declared value £250.00. Repair terms accepted. Promised for 11 Dec 2026 (5 working days).";
    expect(entryText({ message, data }, fr, "fr")).toBe("J-1042 pris en charge : Yellow metal ring. État : Claw lifting. Valeur déclarée : 250,00 £GB. Conditions de réparation acceptées. Promis pour le 11 déc. 2026 (5 jours ouvrés).");
    expect(entryText({ message, data }, en, "en")).toBe(message);
    expect(entryText({ message, data: { move: "start" } }, fr, "fr")).toBe(message);
    // The job number the repository writes into a new ticket's entry, and a nested key (the state).
    expect(entryText({ message: "", data: { job: "J-7", words: [{ key: "ticket.entry.opened" }] } }, fr, "fr")).toBe("Fiche de réparation J-7 ouverte : en attente du bijou à l'atelier.");
    expect(entryText({ message: "", data: { words: [{ key: "ticket.entry.teamDecides", values: { state: { key: "bench.state.cancelled" } } }] } }, fr, "fr")).toBe("La fiche est à l'étape « Annulé » : l'équipe décide de la suite.");
  });
});
