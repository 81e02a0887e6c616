import type { SerializeFrom } from "@remix-run/node";

import type { ExchangePreview, MoneyPreview } from "../../desk/actions.server";
import type { detailView } from "../../desk/views.server";

/** The request page's view of the request as the browser gets it (the loader's detailView, serialised). */
export type DetailView = SerializeFrom<typeof detailView>;
export type RequestView = DetailView["request"];

/** `fields`: a refusal's messages by form field ("amount"), shown beside that field. */
export type ActionData = { ok: boolean; message: string; intent: string; preview?: MoneyPreview; exchange?: ExchangePreview; fields?: Record<string, string> };

/** The dialogs of the request page; one is open at a time. */
export type Dialog = null | "decline" | "cancel" | "inspect" | "resolve" | "confirm" | "override" | "photo" | "quote";

/** An instant as the shop reads it: "7 Dec 2026, 14:05" in the shop's time zone ("7 déc. 2026, 14:05" in French). */
export function when(iso: string, timezone: string, language = "en"): string {
  return new Date(iso).toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { timeZone: timezone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}
