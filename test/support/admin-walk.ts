import type { Page } from "playwright-core";

import polarisEn from "@shopify/polaris/locales/en.json";
import polarisFr from "@shopify/polaris/locales/fr.json";
import en from "../../app/i18n/locales/en.json";
import fr from "../../app/i18n/locales/fr.json";

/**
 * The French walk of the admin's pages: every text a reader meets on a page, checked for a
 * catalogue key left as it is or an English word whose French differs (the app's catalogue and
 * Polaris's own). Shared by the browser tests that open the admin in French.
 */

export type Tree = { [key: string]: string | Tree };

/** Each key both catalogues hold, with its English and French text. */
export function pairs(a: Tree, b: Tree, prefix = ""): [string, string, string][] {
  return Object.entries(a).flatMap(([key, value]) => {
    const other = b[key];
    if (typeof value === "string") return typeof other === "string" ? [[prefix + key, value, other] as [string, string, string]] : [];
    return other && typeof other === "object" ? pairs(value, other, `${prefix}${key}.`) : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * An English text as a whole-string pattern, its placeholders ({{x}} or Polaris's {x}) matching
 * anything. A template with no more words of its own than placeholders ("{{amount}} for
 * {{description}}", "{{amount}} back") would match the shop's own English (its policy's words,
 * a parcel's status), so it is left out.
 */
export function pattern(text: string): RegExp | null {
  const parts = text.split(/\{\{?\s*\w+\s*\}\}?/);
  if (parts.join("").trim().length < 3) return null;
  if (parts.length - 1 >= (parts.join(" ").match(/\p{L}+/gu) ?? []).length) return null;
  return new RegExp(`^${parts.map(escape).join(".+?")}$`);
}

/** English words a French page must not show: every text whose French differs. */
export const ENGLISH = [...pairs(en, fr), ...pairs(polarisEn as Tree, polarisFr as Tree, "polaris.")]
  .filter(([, english, french]) => english !== french)
  .flatMap(([key, english]) => {
    const p = pattern(english);
    return p ? [{ key, english, p }] : [];
  });
/** What an untranslated key looks like on a page: "home.title", "labels.status.requested". */
export const KEY_LIKE = /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/;

/** Every text a reader meets: text nodes of rendered elements, and the labels, placeholders and titles screen readers read. */
export async function texts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template")) continue;
      // A policy document's paths ("returns.conditions.unused", in <code>) are its machine names, not words.
      if (parent.closest("code")) continue;
      // Words marked as another language than the page's (the policy text shoppers read, as the merchant wrote it) are not the admin's.
      if (parent.closest("[lang]") !== document.documentElement && parent.closest("[lang]")?.getAttribute("lang") !== document.documentElement.lang) continue;
      if (!parent.closest("option") && !parent.checkVisibility()) continue;
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (el.closest("[hidden]")) continue;
      for (const attr of ["aria-label", "placeholder", "title"]) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** The texts that are a catalogue key or an English text whose French differs, said as a finding each. */
export function untranslated(found: string[]): string[] {
  return [...new Set(found)].flatMap((text) => {
    if (KEY_LIKE.test(text)) return [`key left: "${text}"`];
    const hit = ENGLISH.find((e) => e.p.test(text));
    return hit ? [`English "${text}" (${hit.key})`] : [];
  });
}
