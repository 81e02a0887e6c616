import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

import { BodyRefused, cappedMultipart, FORM_LIMIT_BYTES, UPLOAD_LIMIT_BYTES } from "../platform/body.server";
import db from "../db.server";
import { env } from "../platform/env.server";
import { refusalText, type RefusalKey } from "../platform/refusals";
import { shops } from "../repositories/index.server";
import { RequestFlowError, sharedLimit } from "../requests/index.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "../requests/photos.server";
import { shopperMessage } from "../schemas/messages";
import type { DraftInput, Viewer } from "../schemas/requests";
import { formattingLocaleOf, localeOf, translator, type Locale } from "./i18n";
import { renderMessage, type AskValues, type PageContext } from "./pages.server";

/**
 * What the proxy routes share: the page context (locale, the portal's path, what links carry),
 * who the viewer is, body limits, the per-IP limit, and the ask form ↔ the flow's draft input.
 * The viewer is the signed `logged_in_customer_id` or a guest's grant, never another parameter.
 */
export { FORM_LIMIT_BYTES, UPLOAD_LIMIT_BYTES };

/** Guest lookups per client address: 20 in 15 minutes, counted across the app's processes. */
export const lookupsPerIp = sharedLimit(db, { prefix: "lookup-ip", points: 20, durationSeconds: 900 });

/**
 * The shopper's address, as the app's trusted proxies saw it: the chain is every
 * `X-Forwarded-For` entry followed by the connecting peer (which the server writes,
 * app/platform/http.server.ts); each trusted proxy appended the address it was reached from, so the
 * shopper is `trustedHops` entries from the end. Entries left of that were written by whoever
 * sent the request and are never read. See docs/decisions/014-client-address-behind-the-app-proxy.md.
 */
export function clientAddress(request: Request, trustedHops: number = env.TRUSTED_PROXY_HOPS): string {
  const chain = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  chain.push(request.headers.get("x-aftercare-peer") || "unknown");
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

type Liquid = (body: string, init?: { status: number }) => Response;

/** A refusal of the request itself (its body, its link), as a page in the shopper's language. */
export function refusalPage(liquid: Liquid, url: URL, country: string | null, refused: { status: number; key: RefusalKey }, details = ""): Response {
  const ctx = pageContext(url, country);
  return liquid(renderMessage(ctx, ctx.t("title"), refusalText(ctx.locale, refused.key), { href: ctx.base, label: ctx.t("backToStart") }) + details, { status: refused.status });
}

/** A correctly signed request for a shop the app has no session for (never installed, or uninstalled). */
export function notInstalledPage(liquid: Liquid, request: Request): Response {
  return refusalPage(liquid, new URL(request.url), null, { status: 404, key: "notInstalled" });
}

/**
 * The shop's country, for writing dates and amounts on pages reached without the theme block's
 * locale-with-country (a guest who types /apps/aftercare).
 */
export async function shopCountry(shop: string): Promise<string | null> {
  return countryCode((await shops.find(shop))?.country);
}

/** A shop record's country as a region for Intl (two capitals), or none. */
export function countryCode(country: string | null | undefined): string | null {
  return country && /^[A-Z]{2}$/.test(country) ? country : null;
}

export function pageContext(url: URL, country: string | null = null): PageContext & { locale: Locale } {
  const given = url.searchParams.get("locale");
  const locale = localeOf(given);
  // A locale without a region takes the shop's country: "en" in a British shop writes 22 December.
  const intl = formattingLocaleOf(given && /[-_]/.test(given) ? given : country ? `${locale}-${country}` : given);
  const prefix = url.searchParams.get("path_prefix");
  const base = prefix && /^\/[a-z0-9/_-]{1,60}$/i.test(prefix) ? prefix.replace(/\/$/, "") : "/apps/aftercare";
  const carry: Record<string, string> = {};
  // Links carry the locale as it came; each page adds the shop's country again.
  if (given) carry.locale = formattingLocaleOf(given);
  const grant = url.searchParams.get("grant");
  if (grant && /^[A-Za-z0-9_.-]{10,400}$/.test(grant)) carry.grant = grant;
  return { locale, intl, t: translator(locale), base, carry };
}

export function viewerOf(url: URL): Viewer | null {
  const grant = url.searchParams.get("grant");
  if (grant && /^[A-Za-z0-9_.-]{10,400}$/.test(grant)) return { type: "guest", grant };
  const customer = url.searchParams.get("logged_in_customer_id");
  if (customer && /^\d{1,20}$/.test(customer)) return { type: "customer", customerId: `gid://shopify/Customer/${customer}` };
  return null;
}

/** Grant and locale travel in the query (the proxy passes no cookies); a form's hidden fields copy them there. */
export function withCarried(url: URL, form: FormData): URL {
  const next = new URL(url);
  for (const name of ["grant", "locale"]) {
    const value = form.get(name);
    if (typeof value === "string" && value && !next.searchParams.has(name)) next.searchParams.set(name, value);
  }
  return next;
}

export type Upload = { name: string; bytes: Buffer };

/**
 * Reads a multipart ask form as it streams, keeping at most 6 photos of 10 MB: the first photo
 * past 10 MB (one more byte is refused, not cut), the seventh photo, a field past the form's
 * limit or the whole body past UPLOAD_LIMIT_BYTES stops the reading there. A body that is not
 * multipart with a boundary, or is cut short, is a BodyRefused (400/413), never a parser's error.
 */
export async function readAskForm(request: Request): Promise<{ form: FormData; uploads: Upload[] }> {
  const uploads: Upload[] = [];
  let fields = 0;
  const handler: UploadHandler = async (part) => {
    if (part.name !== "photos") {
      if (part.filename !== undefined) return undefined;
      const chunks: Uint8Array[] = [];
      for await (const chunk of part.data) {
        fields += chunk.byteLength;
        if (fields > FORM_LIMIT_BYTES) throw new BodyRefused(413, "tooLarge");
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const name = part.filename || "A photo";
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > MAX_PHOTO_BYTES) {
        const message = shopperMessage("photoTooLarge", { name, mb: MAX_PHOTO_BYTES / (1024 * 1024) });
        throw new RequestFlowError("invalid", message, { photos: message });
      }
      chunks.push(chunk);
    }
    // An empty file input sends one part with no name and no bytes.
    if (size === 0 && !part.filename) return undefined;
    if (uploads.length === MAX_PHOTOS) {
      const message = shopperMessage("tooManyPhotos", { n: MAX_PHOTOS });
      throw new RequestFlowError("invalid", message, { photos: message });
    }
    uploads.push({ name: part.filename || "photo", bytes: Buffer.concat(chunks) });
    return undefined;
  };
  try {
    const form = await unstable_parseMultipartFormData(cappedMultipart(request, UPLOAD_LIMIT_BYTES), handler);
    return { form, uploads };
  } catch (error) {
    if (error instanceof RequestFlowError || error instanceof BodyRefused) throw error;
    // The cap's own refusal reaches here wrapped by the stream, or the parser's "malformed" errors.
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof BodyRefused) throw cause;
    throw new BodyRefused(400, "unreadableForm");
  }
}

const str = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The ask form as the values to show again and the draft input for the flow (lines chosen in page order). */
export function askFromForm(form: FormData, orderId: string, photos: string[]): { values: AskValues; draft: DraftInput; chosen: number[] } {
  const values: AskValues = { kind: str(form, "kind"), preferred: str(form, "preferred"), note: str(form, "note"), liability: form.get("liability") === "on", lines: {} };
  const chosen: number[] = [];
  for (const key of form.keys()) {
    const match = /^lineId_(\d{1,3})$/.exec(key);
    if (!match) continue;
    const i = Number(match[1]);
    const on = (name: string) => form.get(`${name}_${i}`) === "on";
    values.lines[i] = {
      include: on("include"),
      qty: str(form, `qty_${i}`),
      reason: str(form, `reason_${i}`),
      warrantyReason: str(form, `wreason_${i}`),
      cause: str(form, `cause_${i}`),
      used: on("used"),
      worn: on("worn"),
      tags: on("tags"),
      packaging: on("packaging"),
      opened: on("opened"),
      exchange: str(form, `exchange_${i}`),
    };
    if (values.lines[i].include) chosen.push(i);
  }
  chosen.sort((a, b) => a - b);
  const kind = values.kind ?? "";
  const [kindName, service] = kind.startsWith("service:") ? ["service", kind.slice(8)] : [kind, null];
  // Each kind reads only the fields the page asks it for (pages.server.ts, data-for): a return its
  // reason, condition, exchange and preference; a warranty claim a fault's reason; a service none.
  const isReturn = kindName === "return";
  const draft = {
    orderId,
    kind: kindName,
    service,
    preferredResolution: isReturn ? values.preferred || null : null,
    lines: chosen.map((i) => {
      const v = values.lines[i];
      const qty = v.qty && /^\d{1,4}$/.test(v.qty.trim()) ? Number(v.qty.trim()) : Number.NaN;
      return {
        lineId: str(form, `lineId_${i}`) ?? "",
        quantity: qty,
        reason: kindName === "warranty" ? (v.warrantyReason ?? "") : kindName === "service" ? "other" : (v.reason ?? ""),
        cause: v.cause || null,
        condition: isReturn
          ? { used: !!v.used, worn: !!v.worn, tagsAttached: !!v.tags, originalPackaging: !!v.packaging, packagingOpened: !!v.opened }
          : { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false },
        exchangeVariantId: isReturn ? v.exchange || null : null,
      };
    }),
    photos,
    liabilityAccepted: values.liability ?? false,
    note: values.note?.trim() ? values.note : null,
  } as unknown as DraftInput;
  return { values, draft, chosen };
}

/** The flow's field paths (lines.0.quantity) as the ask form's keys (line.3.quantity). */
export function formErrors(error: RequestFlowError, chosen: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Object.entries(error.fields);
  if (!entries.length) return { form: error.message };
  for (const [path, message] of entries) {
    const line = /^lines\.(\d+)(?:\.(\w+))?/.exec(path);
    let key: string;
    if (line) {
      const i = chosen[Number(line[1])];
      const field = line[2] === "lineId" || !line[2] ? "" : `.${line[2] === "condition" ? "reason" : line[2]}`;
      key = i === undefined ? "lines" : `line.${i}${field}`;
    } else if (path === "lines") key = "lines";
    else if (path.startsWith("photos")) key = "photos";
    else if (path === "service" || path === "kind") key = "kind";
    else if (path === "liabilityAccepted" || path === "note") key = path;
    else key = "form";
    out[key] ??= message;
  }
  return out;
}
