import { json } from "@remix-run/node";
import { z } from "zod";

import { isPresetName, type PresetName } from "../../domain";
import { shopLocale } from "../../domain/money";
import { policyText, policyTextHtml } from "../../domain/policy/text";
import type { FieldIssue } from "../../domain/policy/validate";
import type { Translate } from "../../i18n/admin";
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
function shown(value: unknown, none: string): string {
  if (value === undefined) return none;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * The editor's actions: parse the form, call the policy use cases, answer 4xx with field errors
 * when the merchant must fix something; every message in the admin's language (`t`).
 */
export async function editorAction(shop: string, graphql: AdminGraphql, formData: FormData, t: Translate): Promise<Response> {
  const parsed = form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json<EditorActionResult>({ ok: false, message: t("policyEditor.action.badForm"), errors: [] }, { status: 400 });
  const presetName = (name: PresetName) => t(`policyEditor.presets.names.${name}.title`);
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "start": {
        await policyService.start(shop, input.choice === "empty" ? { empty: true } : { preset: input.choice as never });
        return json<EditorActionResult>({ ok: true, message: t("policyEditor.action.started") });
      }
      case "save": {
        let document: unknown;
        try {
          document = JSON.parse(input.document);
        } catch {
          return json<EditorActionResult>({ ok: false, message: t("policyEditor.action.notJson"), errors: [{ path: "", message: t("policyEditor.action.notJsonField") }] }, { status: 400 });
        }
        const cheapest = await cheapestItem(graphql);
        await policyService.saveDraft(shop, document, { cheapestItem: cheapest });
        return json<EditorActionResult>({ ok: true, saved: true, message: null });
      }
      case "publish": {
        const result = await policyService.publishDraft(shop, { cheapestItem: await cheapestItem(graphql) });
        return json<EditorActionResult>({ ok: true, message: t("policyEditor.action.live", { number: result.version.number }), changed: result.changed });
      }
      case "discard": {
        await policyService.discardDraft(shop);
        return json<EditorActionResult>({ ok: true, message: t("policyEditor.action.discarded") });
      }
      case "fromPreset": {
        await policyService.draftFromPreset(shop, input.preset as PresetName);
        return json<EditorActionResult>({ ok: true, message: t("policyEditor.action.fromPreset", { preset: presetName(input.preset as PresetName) }) });
      }
      case "comparePreset": {
        const changes = await policyService.compareWithPreset(shop, input.preset as PresetName);
        return json<EditorActionResult>({ ok: true, message: null, comparison: { preset: presetName(input.preset as PresetName), changes: changes.map((c) => ({ path: c.path, ours: shown(c.before, t("policyEditor.presets.none")), theirs: shown(c.after, t("policyEditor.presets.none")) })) } });
      }
      case "publishText": {
        const { policy } = await policyService.live(shop);
        const row = await shops.find(shop);
        await updateRefundPolicy(graphql, policyTextHtml(policyText(policy, { currency: row?.currency, locale: shopLocale("en", row?.country) })));
        return json<EditorActionResult>({ ok: true, message: t("policyEditor.action.publishedText") });
      }
    }
  } catch (error) {
    if (error instanceof PolicyInvalidError) return json<EditorActionResult>({ ok: false, message: t("policyEditor.action.invalid"), errors: error.errors }, { status: 422 });
    // The editor acts on the draft: a missing one is the only thing it can be told is not found.
    if (error instanceof PolicyNotFoundError) return json<EditorActionResult>({ ok: false, message: t("policyEditor.action.noDraft"), errors: [] }, { status: 409 });
    if (error instanceof ShopifyUserErrors) return json<EditorActionResult>({ ok: false, message: t("policyEditor.action.shopifyRefused", { message: error.message }), errors: [] }, { status: 422 });
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
