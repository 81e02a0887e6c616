import { decide, isPresetName, PRESET_DOCUMENTS, presetPolicy, scenarioSchema, describeIssues, type Decision, type Policy, type PresetName } from "../domain";
import { diffPolicies, type PolicyChange } from "../domain/policy/diff";
import { formatMoneyIn, parseMinorUnits, shopLocale } from "../domain/money";
import { emptyPolicy } from "../domain/policy/empty";
import { policySchema } from "../domain/policy/schema";
import { checkPolicy, type CheckContext, type FieldIssue, type PolicyWarning } from "../domain/policy/validate";
import type { PolicyRepository, PolicyVersionRecord } from "../repositories/policies.server";
import type { ShopRepository } from "../repositories/shops.server";

/** A request the merchant can fix: the fields and what is wrong with each. Nothing was saved. */
export class PolicyInvalidError extends Error {
  override name = "PolicyInvalidError";
  constructor(readonly errors: FieldIssue[]) {
    super(`the policy has ${errors.length} problem${errors.length === 1 ? "" : "s"}: ${errors.map((e) => `${e.path || "(document)"}: ${e.message}`).join("; ")}`);
  }
}

export class PolicyNotFoundError extends Error {
  override name = "PolicyNotFoundError";
}

export type LivePolicy = { policy: Policy; versionId: string | null; number: number | null; source: "version" | "shop" | "preset" | "empty" };

/** One saved scenario whose decision a publish changes. */
/** A decision reduced to what a saved scenario's change is told by: each line's verdict and codes, and the money. */
export type DecisionDigest = { lines: { lineId: string; eligible: boolean; codes: string[] }[]; refund: { method: "refund" | "store_credit"; total: number; currency: string } | null };
/** `before`/`after` in English (logs, comparison); `was`/`now` for the admin to say them in the merchant's language. */
export type ChangedDecision = { scenarioId: string; name: string; before: string; after: string; was: DecisionDigest; now: DecisionDigest };

export type PublishResult = { version: PolicyVersionRecord; changed: ChangedDecision[]; warnings: PolicyWarning[] };

export type PolicyDeps = {
  policies: PolicyRepository;
  shops: ShopRepository;
  /** Told when a shop's live policy may have changed (a version published, a preset chosen). */
  onLiveChanged?: (shop: string) => void;
};

export type StartChoice = { preset: PresetName } | { empty: true };

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * Decisions in a line a merchant can compare: "L1 eligible (refund, exchange); refund £80.00",
 * the amount written for `locale` (the shop's, see shopLocale) with its currency's own decimals.
 */
export function decisionSummary(decision: Decision, locale = "en"): string {
  const lines = decision.lines.map((l) => `${l.lineId} ${l.eligible ? `eligible (${l.resolutions.join(", ")})` : `refused (${l.blockers.join(", ")})`}`);
  const refund = decision.refund ? `; ${decision.refund.method === "store_credit" ? "store credit" : "refund"} ${formatMoneyIn(parseMinorUnits(decision.refund.total, decision.refund.currency), decision.refund.currency, locale)}` : "";
  return `${lines.join("; ")}${refund}`;
}

export function decisionDigest(decision: Decision): DecisionDigest {
  return {
    lines: decision.lines.map((l) => ({ lineId: l.lineId, eligible: l.eligible, codes: l.eligible ? [...l.resolutions] : [...l.blockers] })),
    refund: decision.refund ? { method: decision.refund.method === "store_credit" ? "store_credit" : "refund", total: parseMinorUnits(decision.refund.total, decision.refund.currency), currency: decision.refund.currency } : null,
  };
}

/**
 * The policy use cases: start, edit the draft, publish, restore, compare, and the live policy
 * every other module reads. The shop's domain always comes first and scopes every read and write.
 */
export function createPolicyService({ policies, shops, onLiveChanged }: PolicyDeps) {
  async function context(shop: string): Promise<CheckContext> {
    const row = await shops.find(shop);
    return { country: row?.country };
  }

  async function live(shop: string): Promise<LivePolicy> {
    const version = await policies.live(shop);
    if (version) {
      const parsed = policySchema.safeParse(parseJson(version.documentJson));
      // Published documents were checked on the way in; one that no longer parses is a schema
      // change that forgot a migration, and must not silently decide requests.
      if (!parsed.success) throw new Error(`published policy version ${version.number} of ${shop} no longer parses: ${describeIssues(parsed.error)}`);
      return { policy: parsed.data, versionId: version.id, number: version.number, source: "version" };
    }
    const legacy = await shops.policyJson(shop);
    if (legacy) {
      const parsed = policySchema.safeParse(parseJson(legacy));
      if (parsed.success) return { policy: parsed.data, versionId: null, number: null, source: "shop" };
    }
    const row = await shops.find(shop);
    if (row?.policyPreset && isPresetName(row.policyPreset)) return { policy: presetPolicy(row.policyPreset), versionId: null, number: null, source: "preset" };
    return { policy: policySchema.parse(emptyPolicy()), versionId: null, number: null, source: "empty" };
  }

  /** Whether the shop has chosen anything yet (a version, a draft, or a preset from before versions). */
  async function hasStarted(shop: string): Promise<boolean> {
    if (await policies.live(shop)) return true;
    if (await policies.draft(shop)) return true;
    const row = await shops.find(shop);
    return Boolean(row?.policyPreset || (await shops.policyJson(shop)));
  }

  /** The document being edited: the draft, else a copy of the live policy. */
  async function draftDocument(shop: string): Promise<{ document: unknown; saved: boolean }> {
    const draft = await policies.draft(shop);
    if (draft) return { document: parseJson(draft.documentJson), saved: true };
    return { document: (await live(shop)).policy, saved: false };
  }

  async function saveDraft(shop: string, document: unknown, extra: Pick<CheckContext, "cheapestItem"> = {}) {
    const check = checkPolicy(document, { ...(await context(shop)), ...extra });
    if (!check.policy) throw new PolicyInvalidError(check.errors);
    // The parsed document is stored (defaults filled in), so what is saved is what decides.
    const record = await policies.saveDraft(shop, JSON.stringify(check.policy));
    return { record, warnings: check.warnings };
  }

  async function start(shop: string, choice: StartChoice) {
    const document = "preset" in choice ? PRESET_DOCUMENTS[choice.preset] : emptyPolicy();
    const check = checkPolicy(document, await context(shop));
    if (!check.policy) throw new PolicyInvalidError(check.errors);
    await shops.choosePolicy(shop, "preset" in choice ? choice.preset : "empty", JSON.stringify(check.policy));
    onLiveChanged?.(shop);
    return policies.saveDraft(shop, JSON.stringify(check.policy), "preset" in choice ? `started from ${check.policy.name}` : "started empty");
  }

  /**
   * A new draft from a preset, at any time after the first start: the draft is replaced, the
   * live policy and its versions stay as they are until the merchant publishes.
   */
  async function draftFromPreset(shop: string, preset: PresetName) {
    const check = checkPolicy(PRESET_DOCUMENTS[preset], await context(shop));
    if (!check.policy) throw new PolicyInvalidError(check.errors);
    return policies.saveDraft(shop, JSON.stringify(check.policy), `started again from ${check.policy.name}`);
  }

  /** Re-decides every saved scenario under `before` and `after`, listing those that change. */
  async function rerun(shop: string, before: Policy, after: Policy): Promise<ChangedDecision[]> {
    const changed: ChangedDecision[] = [];
    const locale = shopLocale("en", (await shops.find(shop))?.country);
    for (const saved of await policies.scenarios(shop)) {
      // The scenario is decided under the given policies, not a preset: the name only satisfies the contract's shape.
      const parsed = scenarioSchema.safeParse({ ...(parseJson(saved.scenarioJson) as object), preset: "saved-scenario", policy: null });
      if (!parsed.success) continue;
      const was = decide(before, parsed.data);
      const now = decide(after, parsed.data);
      const a = decisionSummary(was, locale);
      const b = decisionSummary(now, locale);
      if (a !== b) changed.push({ scenarioId: saved.id, name: saved.name, before: a, after: b, was: decisionDigest(was), now: decisionDigest(now) });
    }
    return changed;
  }

  async function publishDocument(shop: string, document: unknown, options: { note?: string; restoredFrom?: number; extra?: Pick<CheckContext, "cheapestItem"> }): Promise<PublishResult> {
    const check = checkPolicy(document, { ...(await context(shop)), ...options.extra });
    if (!check.policy) throw new PolicyInvalidError(check.errors);
    const previous = await live(shop);
    const changed = await rerun(shop, previous.policy, check.policy);
    const version = await policies.publish(shop, JSON.stringify(check.policy), { note: options.note ?? null, restoredFrom: options.restoredFrom ?? null });
    onLiveChanged?.(shop);
    return { version, changed, warnings: check.warnings };
  }

  return {
    live,
    hasStarted,
    draftDocument,
    saveDraft,
    start,
    draftFromPreset,
    rerun,

    /** What differs between the shop's document being edited and a preset, leaf by leaf. */
    async compareWithPreset(shop: string, preset: PresetName): Promise<PolicyChange[]> {
      const { document } = await draftDocument(shop);
      return diffPolicies(document, policySchema.parse(PRESET_DOCUMENTS[preset]));
    },

    async publishDraft(shop: string, extra: Pick<CheckContext, "cheapestItem"> = {}): Promise<PublishResult> {
      const draft = await policies.draft(shop);
      if (!draft) throw new PolicyNotFoundError("there is no draft to publish: edit the policy first");
      return publishDocument(shop, parseJson(draft.documentJson), { note: draft.note ?? "edited", extra });
    },

    /** Publishes an old version again, as the newest version (history is never rewritten). */
    async restore(shop: string, number: number): Promise<PublishResult> {
      const old = await policies.version(shop, number);
      if (!old) throw new PolicyNotFoundError(`there is no published version ${number}`);
      return publishDocument(shop, parseJson(old.documentJson), { note: `restored version ${number}`, restoredFrom: number });
    },

    async compare(shop: string, a: number, b: number): Promise<PolicyChange[]> {
      const [x, y] = await Promise.all([policies.version(shop, a), policies.version(shop, b)]);
      if (!x || !y) throw new PolicyNotFoundError(`version ${!x ? a : b} does not exist`);
      return diffPolicies(parseJson(x.documentJson), parseJson(y.documentJson));
    },

    async discardDraft(shop: string) {
      await policies.discardDraft(shop);
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
