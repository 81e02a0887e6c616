import { json } from "@remix-run/node";
import { z } from "zod";

import { PRESET_DOCUMENTS, isPresetName, type PresetName } from "../../domain";
import { shopLocale } from "../../domain/money";
import { policyText, policyTextHtml } from "../../domain/policy/text";
import type { FieldIssue } from "../../domain/policy/validate";
import { PolicyInvalidError, PolicyNotFoundError, policyService, type ChangedDecision } from "../../policies/index.server";
import { shops } from "../../repositories/index.server";
import type { AdminGraphql } from "../../shopify/client.server";
import { ShopifyUserErrors } from "../../shopify/errors";
import { cheapestOf, fetchCatalogue, updateRefundPolicy } from "../../shopify/policies.server";

const form = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), choice: z.string().refine((v) => v === "empty" || isPresetName(v), "choose a preset or start empty") }),
  z.object({ intent: z.literal("save"), document: z.string().min(2).max(500_000) }),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("publishText") }),
  z.object({ intent: z.literal("fromPreset"), preset: z.string().refine(isPresetName, "choose one of the four presets") }),
  z.object({ intent: z.literal("comparePreset"), preset: z.string().refine(isPresetName, "choose one of the four presets") }),
]);

/** What every editor action answers. */
export type EditorActionResult = { ok: boolean; message: string | null; saved?: boolean; errors?: FieldIssue[]; changed?: ChangedDecision[]; comparison?: { preset: string; changes: { path: string; ours: string; theirs: string }[] } };

/** A leaf of a policy document in a line: absent, a word, or its JSON cut short. */
function shown(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The editor's actions: parse the form, call the policy use cases, answer 4xx with field errors when the merchant must fix something. */
export async function editorAction(shop: string, graphql: AdminGraphql, formData: FormData): Promise<Response> {
  const parsed = form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json<EditorActionResult>({ ok: false, message: parsed.error.issues.map((i) => i.message).join("; "), errors: [] }, { status: 400 });
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "start": {
        await policyService.start(shop, input.choice === "empty" ? { empty: true } : { preset: input.choice as never });
        return json<EditorActionResult>({ ok: true, message: "Policy started: edit it, then publish." });
      }
      case "save": {
        let document: unknown;
        try {
          document = JSON.parse(input.document);
        } catch {
          return json<EditorActionResult>({ ok: false, message: "The policy is not valid JSON.", errors: [{ path: "", message: "not valid JSON" }] }, { status: 400 });
        }
        const cheapest = await cheapestItem(graphql);
        await policyService.saveDraft(shop, document, { cheapestItem: cheapest });
        return json<EditorActionResult>({ ok: true, saved: true, message: null });
      }
      case "publish": {
        const result = await policyService.publishDraft(shop, { cheapestItem: await cheapestItem(graphql) });
        return json<EditorActionResult>({ ok: true, message: `Version ${result.version.number} is live.`, changed: result.changed });
      }
      case "discard": {
        await policyService.discardDraft(shop);
        return json<EditorActionResult>({ ok: true, message: "Draft discarded." });
      }
      case "fromPreset": {
        await policyService.draftFromPreset(shop, input.preset as PresetName);
        return json<EditorActionResult>({ ok: true, message: `Your draft now starts from ${PRESET_DOCUMENTS[input.preset as PresetName].name}: edit it, then publish. The live policy has not changed.` });
      }
      case "comparePreset": {
        const changes = await policyService.compareWithPreset(shop, input.preset as PresetName);
        return json<EditorActionResult>({ ok: true, message: null, comparison: { preset: PRESET_DOCUMENTS[input.preset as PresetName].name, changes: changes.map((c) => ({ path: c.path, ours: shown(c.before), theirs: shown(c.after) })) } });
      }
      case "publishText": {
        const { policy } = await policyService.live(shop);
        const row = await shops.find(shop);
        await updateRefundPolicy(graphql, policyTextHtml(policyText(policy, { currency: row?.currency, locale: shopLocale("en", row?.country) })));
        return json<EditorActionResult>({ ok: true, message: "The shop's refund policy now shows the live policy's text." });
      }
    }
  } catch (error) {
    if (error instanceof PolicyInvalidError) return json<EditorActionResult>({ ok: false, message: "The policy has problems: nothing was saved.", errors: error.errors }, { status: 422 });
    if (error instanceof PolicyNotFoundError) return json<EditorActionResult>({ ok: false, message: error.message, errors: [] }, { status: 409 });
    if (error instanceof ShopifyUserErrors) return json<EditorActionResult>({ ok: false, message: `Shopify refused: ${error.message}`, errors: [] }, { status: 422 });
    throw error;
  }
}

async function cheapestItem(graphql: AdminGraphql) {
  try {
    return cheapestOf(await fetchCatalogue(graphql));
  } catch {
    return undefined;
  }
}
