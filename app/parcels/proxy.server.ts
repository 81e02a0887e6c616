import { BodyRefused, readForm } from "../platform/body.server";
import { requests } from "../repositories/index.server";
import { RequestFlowError } from "../requests/errors";
import { MAX_PHOTO_BYTES } from "../requests/photos.server";
import type { StatusView, Viewer } from "../schemas/requests";
import type { Admin } from "../shopify/client.server";
import type { PageContext } from "../storefront/pages.server";
import { parcels } from "./index.server";
import { renderParcelSection } from "./page.server";

/** A parcel form with one proof photo: the photo's limit and room for the fields. */
export const PARCEL_FORM_LIMIT_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

export type ParcelFormState = { errors: Record<string, string>; values: Record<string, string> };

/** The status page's parcel section for a request the page already showed its reader may see. */
export async function statusParcelHtml(ctx: PageContext, shop: string, status: StatusView, token: string, state: ParcelFormState | null = null): Promise<string> {
  const parcel = await parcels.view(shop, status.requestId);
  const waiting = parcels.awaiting(status);
  const currency = status.journey?.postage?.maximum?.currency ?? (await currencyOfRequest(shop, status.requestId));
  const form = !parcel && waiting && currency ? { action: `${ctx.base}/status`, token, currency, proofAsked: status.journey?.postage?.proofRequired ?? false, errors: state?.errors ?? {}, values: state?.values ?? {} } : null;
  return renderParcelSection(ctx, parcel, form);
}

async function currencyOfRequest(shop: string, requestId: string): Promise<string | null> {
  return (await requests.find(shop, requestId))?.currency ?? null;
}

/**
 * The parcel form posted on the status page (multipart, its proof photo within one photo's
 * limit): recorded for the request the status link names. Answers the state to show again with
 * the HTTP status: 200 recorded; 400 a field refused (nothing stored); 409 no longer awaited.
 */
export async function postParcel(request: Request, ctx: { shop: string; viewer: Viewer; admin: Admin }, requestId: string): Promise<{ state: ParcelFormState | null; status: number; form: FormData | null; refused?: BodyRefused }> {
  let form: FormData;
  try {
    form = await readForm(request, PARCEL_FORM_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyRefused) return { state: null, status: error.status, form: null, refused: error };
    throw error;
  }
  const values = Object.fromEntries(["carrier", "carrierName", "trackingNumber", "method", "amount"].map((name) => [name, typeof form.get(name) === "string" ? (form.get(name) as string) : ""]));
  const file = form.get("proof");
  const proof = file && typeof file === "object" && "arrayBuffer" in file && file.size > 0 ? { name: file.name || "photo", bytes: Buffer.from(await file.arrayBuffer()) } : null;
  try {
    await parcels.record(ctx, requestId, values, proof);
    return { state: null, status: 200, form };
  } catch (error) {
    if (!(error instanceof RequestFlowError)) throw error;
    const errors = Object.keys(error.fields).length ? error.fields : { form: error.message };
    return { state: { errors, values }, status: error.status, form };
  }
}
