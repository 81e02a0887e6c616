import type { RefusalKey } from "./refusals";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "../requests/photos.server";

/**
 * Request bodies read with a cap counted while they stream: a route never holds more than its
 * limit of anybody's bytes, whatever Content-Length says (a chunked body has none). A refusal
 * is a BodyRefused (400 unreadable, 413 too large, 415 not the expected type) that each entry
 * answers in its own form (a page, JSON, plain text) and in the reader's language; the server
 * (app/platform/http.server.ts) closes the connection when an answer leaves part of a body unread.
 */
export class BodyRefused extends Error {
  override name = "BodyRefused";
  constructor(
    readonly status: 400 | 413 | 415,
    readonly key: RefusalKey,
  ) {
    super(key);
  }
}

function declaredTooLarge(request: Request, limit: number): boolean {
  const length = Number(request.headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > limit;
}

/** The whole body, at most `limit` bytes (413 past it, read no further). */
export async function readCapped(request: Request, limit: number): Promise<Buffer> {
  if (declaredTooLarge(request, limit)) throw new BodyRefused(413, "tooLarge");
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw new BodyRefused(400, "unreadableForm");
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      // Not cancelled: cancelling destroys the socket before the refusal can be answered. The
      // source stays paused (backpressure) until the server closes the connection after it.
      reader.releaseLock();
      throw new BodyRefused(413, "tooLarge");
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks, size);
}

/** The media type of a request's body, lower case, without parameters ("" when none). */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** The boundary of a multipart body, or null when it has none (or an unusable one). */
export function multipartBoundary(request: Request): string | null {
  if (mediaType(request) !== "multipart/form-data") return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(request.headers.get("content-type") ?? "");
  return match ? (match[1] ?? match[2]) : null;
}

/**
 * A plain form (`application/x-www-form-urlencoded`, as every form on the proxy pages posts;
 * a small multipart form is read too), at most `limit` bytes. 415 for any other type, 400 for
 * a body that is not a form.
 */
export async function readForm(request: Request, limit: number): Promise<FormData> {
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded") {
    const text = (await readCapped(request, limit)).toString("utf8");
    const form = new FormData();
    try {
      for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
    } catch {
      throw new BodyRefused(400, "unreadableForm");
    }
    return form;
  }
  if (type === "multipart/form-data") {
    const boundary = multipartBoundary(request);
    if (!boundary) throw new BodyRefused(400, "unreadableForm");
    const bytes = await readCapped(request, limit);
    try {
      return await new Response(new Uint8Array(bytes), { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new BodyRefused(400, "unreadableForm");
    }
  }
  throw new BodyRefused(415, "notAForm");
}

/** A JSON object body of at most `limit` bytes: 415 when not sent as JSON, 400 when not an object. */
export async function readJsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  if (mediaType(request) !== "application/json") throw new BodyRefused(415, "notJson");
  const text = (await readCapped(request, limit)).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BodyRefused(400, "notJsonObject");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BodyRefused(400, "notJsonObject");
  return body as Record<string, unknown>;
}

/**
 * The same request with its body capped while it streams, for readers that take a Request (the
 * multipart parser): past `limit` bytes the body errors with BodyRefused(413), and a multipart
 * body must open with its boundary (browsers send no preamble), or it is refused at once (400).
 */
export function cappedMultipart(request: Request, limit: number): Request {
  const boundary = multipartBoundary(request);
  if (!boundary || !request.body) throw new BodyRefused(400, "unreadableForm");
  if (declaredTooLarge(request, limit)) throw new BodyRefused(413, "tooLarge");
  const opening = Buffer.from(`--${boundary}`);
  let size = 0;
  let head = Buffer.alloc(0);
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) return controller.error(new BodyRefused(413, "tooLarge"));
      if (head.length < opening.length) {
        head = Buffer.concat([head, chunk]).subarray(0, opening.length);
        const seen = Math.min(head.length, opening.length);
        if (!head.subarray(0, seen).equals(opening.subarray(0, seen))) return controller.error(new BodyRefused(400, "unreadableForm"));
      }
      controller.enqueue(chunk);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body: request.body.pipeThrough(counter, { preventCancel: true }), duplex: "half" } as RequestInit);
}

/** A proxy page's plain form (lookup, submit, a quote's answer). */
export const FORM_LIMIT_BYTES = 32 * 1024;
/** A JSON call from a UI extension (preview, submit): far more than any draft. */
export const JSON_LIMIT_BYTES = 64 * 1024;
/** Shopify's webhook payloads are far below this; a larger body is not a webhook of ours. */
export const WEBHOOK_LIMIT_BYTES = 5 * 1024 * 1024;
/** What any other request may send (the embedded admin's forms, a policy document). */
export const DEFAULT_LIMIT_BYTES = 4 * 1024 * 1024;
/** The storefront's ask form: six photos of 10 MB and the form around them. */
export const UPLOAD_LIMIT_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 256 * 1024;
/** One photo per call from a UI extension, base64 in JSON (4 bytes for every 3), and its name. */
export const PHOTO_JSON_LIMIT_BYTES = Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 16 * 1024;
