import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { Liquid, Tag, type TagToken, type TopLevelToken } from "liquidjs";

import { formatMoney, minorUnits } from "./money";

/**
 * Renders the theme app extension's Liquid the way an Online Store 2.0 theme does, with the
 * Shopify filters and objects the block uses: `t` (the extension's storefront locale files),
 * `asset_url`, `stylesheet_tag`, `script_tag`, `money`, and the `{% schema %}` tag (which renders
 * nothing; its JSON configures the block). The stand-in's storefront pages use it, so the real
 * extension files render in Chromium without Shopify.
 */
export const EXTENSION_DIR = fileURLToPath(new URL("../../extensions/aftercare-theme/", import.meta.url));

export type BlockSchema = {
  name: string;
  target: "section" | "head" | "body" | "compliance_head";
  stylesheet?: string;
  javascript?: string;
  enabled_on?: { templates?: string[]; groups?: string[] };
  disabled_on?: { templates?: string[]; groups?: string[] };
  settings?: { type: string; id: string; label: string; default?: unknown; options?: { value: string; label: string }[] }[];
};

/** The JSON inside a block's `{% schema %}…{% endschema %}`; throws when it is missing or invalid. */
export function blockSchema(source: string): BlockSchema {
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!match) throw new Error("the block has no {% schema %}");
  return JSON.parse(match[1]) as BlockSchema;
}

/** The block's settings with the schema's defaults filled in, as `block.settings` shows them. */
export function defaultSettings(schema: BlockSchema): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) settings[setting.id] = setting.default ?? (setting.type === "checkbox" ? false : null);
  return settings;
}

type Translations = Record<string, unknown>;

/** The storefront locale for `locale`, falling back to the extension's `*.default.json`. */
export function loadTranslations(locale: string, dir = EXTENSION_DIR): { own: Translations; fallback: Translations } {
  const localesDir = join(dir, "locales");
  const defaultFile = readDefaultLocale(localesDir);
  const ownFile = join(localesDir, `${locale}.json`);
  const own = existsSync(ownFile) ? (JSON.parse(readFileSync(ownFile, "utf8")) as Translations) : defaultFile;
  return { own, fallback: defaultFile };
}

function readDefaultLocale(localesDir: string): Translations {
  const file = join(localesDir, "en.default.json");
  return JSON.parse(readFileSync(file, "utf8")) as Translations;
}

function lookup(tree: Translations, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

class SchemaTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length) {
      const next = remainTokens.shift();
      if (next && "name" in next && (next as TagToken).name === "endschema") return;
    }
    throw new Error("{% schema %} is not closed");
  }

  render(): string {
    return "";
  }
}

export type ThemeEngineOptions = {
  locale?: string;
  /** Where the extension's assets are served: `asset_url` prefixes names with it. */
  assetBase: string;
  currencyCode: string;
  extensionDir?: string;
};

/** A liquidjs engine with the Shopify filters the extension uses. */
export function createThemeEngine(options: ThemeEngineOptions): Liquid {
  const engine = new Liquid({ strictFilters: true, jsTruthy: false, outputEscape: undefined });
  const { own, fallback } = loadTranslations(options.locale ?? "en", options.extensionDir);
  engine.registerTag("schema", SchemaTag);
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const text = lookup(own, key) ?? lookup(fallback, key);
    // Shopify prints a visible "translation missing" marker; so do we, so a test can catch it.
    if (text === undefined) return `translation missing: ${options.locale ?? "en"}.${key}`;
    const vars = new Map<string, unknown>();
    for (const arg of args) if (Array.isArray(arg) && typeof arg[0] === "string") vars.set(arg[0], arg[1]);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => escapeHtml(String(vars.get(name) ?? "")));
  });
  engine.registerFilter("asset_url", (name: string) => `${options.assetBase}/${encodeURIComponent(name)}`);
  engine.registerFilter("stylesheet_tag", (url: string) => `<link href="${escapeHtml(url)}" rel="stylesheet" type="text/css" media="all" />`);
  engine.registerFilter("script_tag", (url: string) => `<script src="${escapeHtml(url)}" type="text/javascript"></script>`);
  engine.registerFilter("money", (amount: number | string) => formatMoney(typeof amount === "number" ? amount : minorUnits(amount, options.currencyCode), options.currencyCode));
  return engine;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

export type BlockRender = { html: string; schema: BlockSchema; stylesheet: string | null; javascript: string | null };

/**
 * Renders one app block of the extension with the theme objects given (`order`, `customer`,
 * `shop`, `routes`, `request`), returning its HTML and the assets Shopify would add to the page.
 */
export function renderAppBlock(
  engine: Liquid,
  blockFile: string,
  objects: Record<string, unknown>,
  options: { blockId: string; settings?: Record<string, unknown>; assetBase: string; extensionDir?: string },
): BlockRender {
  const source = readFileSync(join(options.extensionDir ?? EXTENSION_DIR, "blocks", blockFile), "utf8");
  const schema = blockSchema(source);
  const block = { id: options.blockId, type: `shopify://apps/aftercare/blocks/${blockFile.replace(/\.liquid$/, "")}`, shopify_attributes: "", settings: { ...defaultSettings(schema), ...options.settings } };
  const html = engine.parseAndRenderSync(source, { routes: { root_url: "/", account_login_url: "/account/login" }, ...objects, block });
  return {
    html,
    schema,
    stylesheet: schema.stylesheet ? `${options.assetBase}/${schema.stylesheet}` : null,
    javascript: schema.javascript ? `${options.assetBase}/${schema.javascript}` : null,
  };
}
