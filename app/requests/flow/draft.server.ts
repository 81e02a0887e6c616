import type { LocalDate } from "../../domain/calendar";
import { decide, type Decision, type LineDecision } from "../../domain/engine/decide";
import type { ExchangeOffer } from "../../domain/engine/exchange";
import { formatMinorUnits, parseMinorUnits } from "../../domain/money";
import type { ServiceRule } from "../../domain/policy/schema";
import { returnableQuantity, type OrderLine, type RequestLine, type Scenario } from "../../domain/scenario";
import type { Requirement, Resolution } from "../../domain/vocabulary";
import { draftInputSchema, type Entitlement, type Journey, type Preview } from "../../schemas/requests";
import { shopperMessage } from "../../schemas/messages";
import { RequestFlowError } from "../errors";
import { caseRulesOf, openFor, refusalWords, refusalsOf, sameKind, scenario, termsOf, windowsOf } from "./decide.server";
import { exchangeOptions, exchangeSettlement, optionOf } from "./exchange-offers.server";
import type { orderReader } from "./order.server";
import { requirePhotos } from "./photos.server";
import { AS_NEW, invalid, type FlowContext, type FlowCore, type Loaded } from "./shared.server";

export type Draft = { input: ReturnType<typeof draftInputSchema.parse>; loaded: Loaded; decision: Decision; preview: Preview };

/**
 * Decide a draft: the engine's answer to what the shopper asks before submitting (each line's
 * decision, the refund or the exchange's difference, the requirements still to meet, the way
 * there and back).
 */
export function drafting(core: FlowCore, { load }: Pick<ReturnType<typeof orderReader>, "load">) {
  const { deps } = core;

  /**
   * The journey as the engine decides it (rules 15 and 18). The shopper has not posted anything
   * yet, so the engine is asked what it repays for this very request if the piece goes by post
   * from the order's country, proof not yet shown: it answers with the postage rule's words,
   * applied or refused, and asks for proof of postage where the policy wants it. Nothing here
   * decides policy: the rule's own maximum and "not from abroad" are only read to be said.
   */
  function journeyOf(loaded: Loaded, asked: Scenario["request"], decision: Decision, serviceRule: ServiceRule | undefined): Journey {
    const { policy, order } = loaded;
    // The smallest amount the currency has, so a claim that refunds nothing else still carries the postage's own refund.
    const ask = (proof: boolean) => decide(policy, scenario(loaded, { ...asked, postage: { amount: formatMinorUnits(1, order.currency), method: "post", fromCountry: null, proof } }));
    const proven = ask(true);
    const entry = proven.refund?.explanation.find((e) => /\.postage\.[^.]+$/.test(e.rule)) ?? null;
    const rules = [policy.returns.changeOfMind, policy.returns.faulty, policy.warranty, ...policy.services].map((r) => ("postage" in r ? r.postage : undefined)).filter((r) => r !== undefined);
    const rule = entry ? rules.find((r) => entry.rule.endsWith(`.postage.${r.id}`) && r.text === entry.text) : undefined;
    const repaid = entry?.outcome === "applied";
    const proofRequired = repaid && ask(false).requirements.includes("proof_of_postage");
    const postage: Journey["postage"] =
      entry && rule
        ? {
            repaid,
            maximum: rule.maximum !== undefined ? { amountMinor: parseMinorUnits(rule.maximum, order.currency), currency: order.currency } : null,
            proofRequired,
            domesticOnly: rule.domesticOnly,
            text: rule.text,
          }
        : null;
    // The policy's words for the way home: the rule of the eligible lines' case or service that names the payer the engine chose.
    const homeRules = decision.lines
      .filter((l) => l.eligible)
      .map((l) => (l.case === "service" ? serviceRule?.outboundShipping : caseRulesOf(policy, l)?.outboundShipping))
      .filter((r) => r !== undefined);
    const home = homeRules.find((r) => r.payer === decision.outboundShipping);
    return { postage, outboundShipping: decision.outboundShipping, outboundText: home?.text ?? null };
  }

  async function draft(ctx: FlowContext, raw: unknown, options: { fresh?: boolean } = {}): Promise<Draft> {
    const parsed = draftInputSchema.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const input = parsed.data;
    const loaded = await load(ctx, input.orderId, options);
    // A photo is named only by whoever uploaded it, for this order (a key from another customer,
    // grant or order is refused as if it did not exist).
    await requirePhotos(deps.photos, ctx.shop, input.photos, { viewer: ctx.viewer, orderId: input.orderId });
    const { policy, order } = loaded;
    const currency = order.currency;
    const fields: Record<string, string> = {};
    const orderLines = new Map(order.order.lines.map((l) => [l.id, l]));
    const wanted = new Map<string, string>();
    input.lines.forEach((choice, i) => {
      const kindOf: Entitlement["kind"] = input.kind === "service" ? "service" : input.kind === "warranty" ? "warranty" : "return";
      const open = openFor(loaded, choice.lineId).find((r) => sameKind(r, kindOf, input.service));
      if (open) {
        fields[`lines.${i}.lineId`] = open.number !== null ? shopperMessage("openRequest", { number: open.number }) : shopperMessage("openRequestNoNumber");
        return;
      }
      const line = orderLines.get(choice.lineId);
      if (!line) {
        fields[`lines.${i}.lineId`] = shopperMessage("notOnOrder");
        return;
      }
      if (choice.quantity > returnableQuantity(line)) fields[`lines.${i}.quantity`] = shopperMessage("atMost", { n: returnableQuantity(line) });
      if (choice.exchangeVariantId) wanted.set(choice.lineId, choice.exchangeVariantId);
    });
    if (Object.keys(fields).length) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);

    const preferred = wanted.size > 0 ? "exchange" : input.preferredResolution;
    const requestLines: RequestLine[] = input.lines.map((c) => ({ lineId: c.lineId, quantity: c.quantity, reason: c.reason, cause: c.cause, condition: { ...AS_NEW, ...c.condition }, partsRequested: null }));
    const asked: Scenario["request"] = {
      kind: input.kind,
      service: input.service,
      preferredResolution: preferred,
      lines: requestLines,
      proofOfPurchase: true,
      photos: input.photos.length,
      usesStoreCourier: false,
      liabilityAccepted: input.liabilityAccepted,
    };
    const decision = decide(policy, scenario(loaded, asked));
    const eligible = decision.lines.filter((l) => l.eligible);
    const resolutions = eligible.length ? eligible.map((l) => l.resolutions).reduce((a, b) => a.filter((r) => b.includes(r))) : [];
    // An exchange is checked against the case the engine decided (change of mind, faulty…): what
    // that case's rules offer for the quantity asked, in stock.
    const exchanges = new Map<string, ExchangeOffer>();
    input.lines.forEach((choice, i) => {
      const variantId = wanted.get(choice.lineId);
      const line = decision.lines.find((l) => l.lineId === choice.lineId);
      if (!variantId || !line?.eligible) return;
      const offer = exchangeOptions(loaded, choice.lineId, caseRulesOf(policy, line), choice.quantity).find((o) => o.variantId === variantId);
      if (offer) exchanges.set(choice.lineId, offer);
      else fields[`lines.${i}.exchangeVariantId`] = shopperMessage("exchangeUnavailable");
    });
    if (Object.keys(fields).length && resolutions.includes("exchange")) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    if (wanted.size && !resolutions.includes("exchange") && eligible.length) {
      input.lines.forEach((c, i) => {
        if (c.exchangeVariantId) fields[`lines.${i}.exchangeVariantId`] = shopperMessage("exchangeNotOffered");
      });
      throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    }

    // What the shopper must still provide, in the merchant's words.
    const requirements: Preview["requirements"] = [];
    const seen = new Set<string>();
    const need = (requirement: Requirement, text: string | undefined, met: boolean) => {
      if (!text || seen.has(requirement)) return;
      seen.add(requirement);
      requirements.push({ requirement, text, met });
    };
    const serviceRule: ServiceRule | undefined = input.kind === "service" ? policy.services.find((s) => s.service === input.service) : undefined;
    for (const line of eligible) {
      if (line.case === "service") {
        need("photos", serviceRule?.photos?.text, input.photos.length > 0);
        need("liability_acknowledgement", serviceRule?.liabilityAcknowledgement?.text, input.liabilityAccepted);
      } else {
        need("photos", caseRulesOf(policy, line)?.photos?.text, input.photos.length > 0);
      }
    }

    let refund: Preview["refund"] = null;
    if (decision.refund) {
      const r = decision.refund;
      const items = parseMinorUnits(r.items, currency);
      const moneyLines = eligible.filter((l) => l.resolutions.some((x) => x === "refund" || x === "store_credit"));
      const gross = moneyLines.reduce((sum, l) => {
        const line = orderLines.get(l.lineId) as OrderLine;
        const qty = input.lines.find((c) => c.lineId === l.lineId)?.quantity ?? 0;
        return sum + parseMinorUnits(line.unitPrice, currency) * qty;
      }, 0);
      const m = (amountMinor: number) => ({ amountMinor, currency });
      refund = {
        method: r.method,
        items: m(gross),
        discounts: m(Math.max(0, gross - items)),
        shipping: m(parseMinorUnits(r.shipping, currency)),
        // The policy model has no restocking or handling fees: nothing is deducted.
        fees: m(0),
        total: m(parseMinorUnits(r.total, currency)),
        storeCreditExpiresOn: r.storeCreditExpiresOn,
        explanation: r.explanation.map((e) => e.text),
      };
    }

    const titles = new Map(loaded.shopper.lines.map((l) => [l.id, l.title]));
    // Too late: the window that applied and the day it ended, not every window's sentence.
    const refusedLine = (l: LineDecision): { refusals: string[]; ended: LocalDate | null } => {
      const line = orderLines.get(l.lineId);
      if (l.eligible || !line) return { refusals: refusalsOf(l), ended: null };
      const words = refusalWords(loaded, line, l, windowsOf(policy, l.case === "change_of_mind" ? "return" : l.case, input.service));
      return { refusals: words.reasons, ended: words.ended };
    };
    const preview: Preview = {
      orderId: order.orderId,
      orderName: order.orderName,
      kind: input.kind,
      service: input.service,
      decidedOn: decision.decidedOn,
      policyVersionId: loaded.versionId,
      serviceTerms: serviceRule?.enabled ? termsOf(serviceRule, order.shop.currency) : null,
      canSubmit: decision.lines.every((l) => l.eligible) && requirements.every((r) => r.met),
      lines: decision.lines.map((l) => ({
        lineId: l.lineId,
        title: titles.get(l.lineId) ?? "",
        quantity: input.lines.find((c) => c.lineId === l.lineId)?.quantity ?? 0,
        eligible: l.eligible,
        blockers: l.blockers,
        ...refusedLine(l),
        applied: [...new Set(l.explanation.filter((e) => e.outcome !== "blocked").map((e) => e.text))],
        resolutions: l.resolutions,
        charge: l.charge,
        partsLeft: l.eligible ? l.maxParts : null,
        allowanceLeft: l.eligible ? (l.allowanceLeft ?? null) : null,
        exchange: exchanges.has(l.lineId) ? optionOf(exchanges.get(l.lineId) as ExchangeOffer, currency) : null,
      })),
      refund: exchanges.size ? null : refund,
      exchange: exchanges.size ? exchangeSettlement(policy, decision, [...exchanges.values()], currency) : null,
      resolutions: resolutions as Resolution[],
      returnShipping: decision.returnShipping,
      journey: journeyOf(loaded, asked, decision, serviceRule),
      requirements,
      notes: decision.notes.map((n) => n.text),
    };
    return { input, loaded, decision, preview };
  }

  return {
    /** The answer before submitting: decision per line, refund breakdown, resolutions, requirements. */
    async preview(ctx: FlowContext, raw: unknown): Promise<Preview> {
      return (await draft(ctx, raw)).preview;
    },

    draft,
  };
}
