import { describe, expect, it } from "vitest";

import { issueText, policyHighlightsIn, warningText } from "../../app/components/policy/words";
import { PRESET_DOCUMENTS, PRESET_NAMES, policySchema, presetPolicy } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { checkPolicy } from "../../app/domain/policy/validate";
import { adminT } from "../../app/i18n/i18n.server";
import en from "../../app/i18n/locales/en.json";

type Tree = { [key: string]: string | Tree };
const has = (path: string) => path.split(".").reduce<string | Tree | undefined>((node, key) => (node && typeof node === "object" ? node[key] : undefined), en as Tree) !== undefined;

/** Documents that break each rule the check knows, to collect every code it gives. */
function brokenDocuments(): unknown[] {
  const uk = () => structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const docs: unknown[] = [];
  const a = uk();
  a.returns.changeOfMind.windows[0].window.amount = -5;
  a.returns.changeOfMind.windows[0].text = " ";
  a.groups.push({ id: "Bad Id", label: "", match: {} });
  a.returns.exclusions.push({ id: "x", groups: ["nowhere"], unlessFaulty: true, text: "No." });
  docs.push(a);
  const b = uk();
  delete b.name;
  b.returns.changeOfMind.fees = { id: "fees", returnShippingFee: "4,95", text: "We keep the label." };
  b.returnAddress = { id: "return-address", name: "", lines: [], country: "gb", text: "Slip in the parcel." };
  docs.push(b);
  return docs;
}

describe("the policy editor's words in the admin's language", () => {
  const fr = adminT("fr");
  const english = adminT("en");

  it("GIVEN documents with problems WHEN checked THEN every error has a code the catalogue names, and French says it without English", () => {
    const errors = brokenDocuments().flatMap((doc) => checkPolicy(doc).errors);
    expect(errors.length).toBeGreaterThan(5);
    for (const e of errors) {
      expect(e.code, `${e.path}: ${e.message}`).toBeTruthy();
      expect(has(`policyEditor.issue.${e.code}`), e.code).toBe(true);
    }
    const amount = errors.find((e) => e.path === "returns.changeOfMind.windows.0.window.amount")!;
    expect([issueText(english, "en", amount), issueText(fr, "fr", amount)]).toEqual(["must be at least 1", "doit être d'au moins 1"]);
    const words = errors.find((e) => e.path === "returns.changeOfMind.windows.0.text")!;
    expect(issueText(fr, "fr", words)).toBe("écrivez-le avec les mots que liront les clients");
  });

  it("GIVEN a fee above the cheapest item THEN French names both amounts as French readers write money", () => {
    const doc = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as unknown as { returns: { changeOfMind: { fees: unknown } } };
    doc.returns.changeOfMind.fees = { id: "fees", returnShippingFee: "40.00", text: "We keep the label cost." };
    const [error] = checkPolicy(doc, { cheapestItem: { title: "Silver studs", price: "25.00", currency: "GBP" } }).errors;
    const money = (minor: number) => formatMoneyIn(minor, "GBP", "fr-FR");
    expect(issueText(fr, "fr-FR", error)).toBe(`des frais de ${money(4000)} dépassent le prix de « Silver studs » (${money(2500)}) : ils absorberaient tout le remboursement`);
    expect(money(4000).replace(/\u202f|\u00a0/g, " ")).toMatch(/^40,00 £/);
  });

  it("GIVEN every preset checked for a UK shop and a contradiction WHEN warned THEN each warning has a code the catalogue names, in French", () => {
    const warnings = PRESET_NAMES.flatMap((name) => checkPolicy(PRESET_DOCUMENTS[name], { country: "GB" }).warnings);
    const policy = structuredClone(presetPolicy("gulf-boutique"));
    if (policy.returns.changeOfMind.enabled) policy.returns.changeOfMind.windows[0].window = { unit: "days", amount: 14, from: "receipt" };
    const wording = checkPolicy(policy).warnings.find((w) => w.path === "returns.changeOfMind.windows.0.text")!;
    for (const w of [...warnings, wording]) expect(has(`policyEditor.warning.${w.code}`), w.code).toBe(true);
    expect(warnings.some((w) => w.kind === "law")).toBe(true);
    expect(warningText(fr, "fr", wording)).toBe("Changement d’avis : le texte dit « 30 days » mais le délai est de 14 jours. Les clients lisent le texte ; les règles décident.");
    // In English, the check's own sentence, word for word (the editor and the command line agree).
    expect(warningText(english, "en", wording)).toBe(wording.message);
    expect(wording.message).toBe('Change of mind: the words say "30 days" but the window is 14 days. Shoppers read the words; the rules decide.');
    for (const w of warnings) expect(warningText(english, "en", w), w.code).toBe(w.message);
  });

  it("GIVEN a preset WHEN its highlights are read THEN English says what the domain says, and French says it in French with the shop's money", () => {
    const policy = policySchema.parse(PRESET_DOCUMENTS["fine-jewellery"]);
    const gbp = (locale: string) => (decimal: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "GBP" }).format(Number(decimal));
    expect(policyHighlightsIn(english, "en-GB", policy, gbp("en-GB"))[0]).toMatch(/^Change-of-mind returns: 30 days from receipt/);
    const french = policyHighlightsIn(fr, "fr-FR", policy, gbp("fr-FR"));
    expect(french[0]).toMatch(/^Retours pour changement d'avis : 30 jours après réception/);
    expect(french.join(" ")).not.toMatch(/\b(days|from receipt|Warranty|Services)\b/);
  });
});
