import { json, type ActionFunctionArgs } from "@remix-run/node";

import { RequestNotFound, type Say } from "../../desk/actions.server";
import { deskContext } from "../../desk/context.server";
import { requestIdSchema as idSchema, requestIntentSchema as intentSchema } from "../../desk/forms.server";
import { releaseHold } from "../../flow/release.server";
import { adminT } from "../../i18n/i18n.server";
import { flowStore } from "../../repositories/flow-store.server";
import type { ActionData } from "./types";

/**
 * The request page's action: the desk's staff member does one intent (approve, decline, receive,
 * inspect, note, override, preview, invoice, resolve, quote, release the hold) on this request.
 * A refused form answers 400 with each field's message; a request of another shop, 404.
 */
export async function requestAction({ request, params }: ActionFunctionArgs) {
  const { shop, desk, staff, repos, locale } = await deskContext(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) return json<ActionData>({ ok: false, intent: "", message: "There is no such request in this shop." }, { status: 404 });
  const form = Object.fromEntries([...(await request.formData()).entries()].filter(([, v]) => v !== ""));
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) if (issue.path.length) fields[String(issue.path[0])] ??= issue.message;
    return json<ActionData>({ ok: false, intent: String(form.intent ?? ""), message: parsed.error.issues.map((i) => i.message).join("; "), fields }, { status: 400 });
  }
  const input = parsed.data;
  try {
    let result;
    switch (input.intent) {
      case "approve":
        result = await desk.approve(shop.domain, id.data);
        break;
      case "decline":
        result = await desk.decline(shop.domain, id.data, input);
        break;
      case "cancel":
        result = await desk.cancel(shop.domain, id.data, input);
        break;
      case "receive":
        result = await desk.receive(shop.domain, id.data);
        break;
      case "inspect":
        result = await desk.inspect(shop.domain, id.data, input);
        break;
      case "note":
        result = await desk.note(shop.domain, id.data, input);
        break;
      case "override":
        result = await desk.override(shop.domain, id.data, input);
        break;
      case "preview": {
        const preview = await desk.preview(shop.domain, id.data, input);
        if ("ok" in preview) return json<ActionData>({ ...preview, intent: "preview" }, { status: preview.ok ? 200 : preview.status });
        return json<ActionData>({ ok: true, intent: "preview", message: "", preview });
      }
      case "exchange_preview": {
        const exchange = await desk.exchangePreview(shop.domain, id.data);
        if ("ok" in exchange) return json<ActionData>({ ...exchange, intent: "preview" }, { status: exchange.ok ? 200 : exchange.status });
        return json<ActionData>({ ok: true, intent: "preview", message: "", exchange });
      }
      case "invoice":
        result = await desk.invoice(shop.domain, id.data);
        break;
      case "resolve":
        result = await desk.resolve(shop.domain, id.data, input);
        break;
      case "quote":
        result = await desk.quote(shop.domain, id.data, input);
        break;
      case "withdraw_quote":
        result = await desk.withdrawQuote(shop.domain, id.data);
        break;
      case "accept_evidence":
        result = await desk.acceptEvidence(shop.domain, id.data, { evidence: input.evidence, tracking: input.tracking });
        break;
      case "release_hold":
        result = await releaseHold({ flow: flowStore, desk: repos.desk }, shop.domain, id.data, staff);
        break;
    }
    // Said in the merchant's language where the desk gave its words as a key.
    const say: Say | undefined = result.ok && "say" in result ? (result as { say?: Say }).say : undefined;
    const message = say ? adminT(locale)(say.key, say.params) : result.message;
    return json<ActionData>({ ok: result.ok, intent: input.intent, message, ...(!result.ok && result.fields ? { fields: result.fields } : {}) }, { status: result.ok ? 200 : result.status });
  } catch (error) {
    if (error instanceof RequestNotFound) return json<ActionData>({ ok: false, intent: input.intent, message: "There is no such request in this shop." }, { status: 404 });
    throw error;
  }
}
