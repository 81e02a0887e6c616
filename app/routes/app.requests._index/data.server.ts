import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";

import { deskContext, deskReader } from "../../desk/context.server";
import { bulkSchema, listSearchSchema } from "../../desk/forms.server";
import { LIST_PAGE_SIZE, LIST_TABS } from "../../desk/list-tabs";
import { shopifyReturnState } from "../../desk/views.server";
import { adminT } from "../../i18n/i18n.server";
import { BadCursorError, requestReference } from "../../repositories/desk.server";

/** The requests list's loader (a page of requests and the counts) and its bulk action, beside the page (route.tsx). */

const TABS = LIST_TABS;

/** Midnight of a local date in the shop's zone, as an instant. */
function zoned(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf("day").toJSDate();
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, repos, locale } = await deskReader(request);
  const t = adminT(locale);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = listSearchSchema.safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "")));
  if (!parsed.success) throw json({ message: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const s = parsed.data;
  const tab = TABS.find((t) => t.id === s.tab) ?? TABS[0];
  try {
    // The page and the counts are independent reads: asked together, not one after the other.
    const [page, total] = await Promise.all([repos.desk.list(shop.domain, {
      status: s.status ? [s.status] : [...tab.statuses],
      kind: s.kind ? [s.kind] : [],
      reason: s.reason ?? null,
      resolution: s.resolution ?? null,
      from: s.from ? zoned(s.from, shop.timezone) : null,
      to: s.to ? DateTime.fromISO(s.to, { zone: shop.timezone }).plus({ days: 1 }).startOf("day").toJSDate() : null,
      q: s.q ?? "",
      sort: s.sort,
      take: LIST_PAGE_SIZE,
      after: s.after ?? null,
    }), repos.desk.countsByStatus(shop.domain)]);
    return json({
      title: t("requests.metaTitle"),
      tab: tab.id,
      timezone: shop.timezone,
      filtered: Boolean(s.q || s.kind || s.reason || s.resolution || s.from || s.to || s.status),
      firstPage: !s.after,
      anyRequests: Object.values(total).some((n) => n > 0),
      nextCursor: page.nextCursor,
      rows: page.rows.map((r) => ({
        id: r.id,
        reference: requestReference(r),
        orderName: r.orderName,
        customer: r.customerName ?? r.customerEmail ?? t("requests.guest"),
        kind: r.kind,
        status: r.status,
        resolution: r.resolution,
        items: r.lines.map((l) => `${l.quantity} × ${l.title || t("requests.item")}`).join(", "),
        reasons: [...new Set(r.lines.map((l) => l.reason))],
        shopifyReturn: shopifyReturnState(r)?.state ?? null,
        createdAt: r.createdAt.toISOString(),
      })),
    });
  } catch (error) {
    if (error instanceof BadCursorError) throw json({ message: error.message }, { status: 400 });
    throw error;
  }
};

/** One request of a bulk action (the page sends them one by one and shows progress). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, desk, locale } = await deskContext(request);
  const parsed = bulkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const input = parsed.data;
  try {
    const result = input.intent === "approve" ? await desk.approve(shop.domain, input.id) : await desk.decline(shop.domain, input.id, { reason: input.reason, message: input.message });
    return json({ ok: result.ok, message: result.message }, { status: result.ok ? 200 : result.status });
  } catch (error) {
    if ((error as Error).name === "RequestNotFound") return json({ ok: false, message: adminT(locale)("requests.noSuchRequest") }, { status: 404 });
    throw error;
  }
};

