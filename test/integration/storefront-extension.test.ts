import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { blockSchema, createThemeEngine, EXTENSION_DIR, renderAppBlock } from "../standin/storefront-liquid";

/**
 * The theme app extension as a Shopify reviewer reads it: a valid block schema targeting a
 * section on the customer pages, every storefront and editor string translated, small local
 * assets only, accessible markup; and it renders the link to the app proxy for the order.
 */
const BLOCK = "order-aftercare.liquid";
const source = readFileSync(join(EXTENSION_DIR, "blocks", BLOCK), "utf8");
const locales = (name: string) => JSON.parse(readFileSync(join(EXTENSION_DIR, "locales", name), "utf8")) as Record<string, unknown>;
const has = (tree: Record<string, unknown>, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (typeof node === "object" && node ? (node as Record<string, unknown>)[part] : undefined), tree) !== undefined;

function render(objects: Record<string, unknown>, settings: Record<string, unknown> = {}, locale = "en") {
  const assetBase = "/extensions/aftercare-theme/assets";
  const engine = createThemeEngine({ assetBase, currencyCode: "GBP", locale });
  return renderAppBlock(engine, BLOCK, objects, { blockId: "AbC123", settings, assetBase });
}

describe("theme app extension", () => {
  it("GIVEN the extension config WHEN read THEN it is a theme extension with a name", () => {
    const toml = readFileSync(join(EXTENSION_DIR, "shopify.extension.toml"), "utf8");
    expect(toml).toMatch(/^type = "theme"$/m);
    expect(toml).toMatch(/^name = "Aftercare"$/m);
  });

  it("GIVEN the block's schema WHEN parsed THEN it targets a section on the customer pages and loads its own assets", () => {
    const schema = blockSchema(source);
    expect(schema.target).toBe("section");
    expect(schema.enabled_on?.templates).toEqual(["customers/order", "customers/account"]);
    expect(schema.stylesheet).toBe("aftercare.css");
    expect(schema.javascript).toBe("aftercare.js");
    const assets = readdirSync(join(EXTENSION_DIR, "assets"));
    expect(assets).toEqual(expect.arrayContaining([schema.stylesheet, schema.javascript]));
    for (const setting of schema.settings ?? []) expect(setting.id).toMatch(/^[a-z_]+$/);
  });

  it("GIVEN every t: key in the schema and every | t in the block WHEN looked up THEN each is translated in English and French", () => {
    const schemaKeys = [...JSON.stringify(blockSchema(source)).matchAll(/"t:([a-z0-9_.]+)"/g)].map((m) => m[1]);
    const storefrontKeys = [...source.matchAll(/'([a-z0-9_.]+)' \| t\b/g)].map((m) => m[1]);
    expect(schemaKeys.length).toBeGreaterThan(5);
    expect(storefrontKeys.length).toBeGreaterThan(5);
    for (const [file, keys] of [["en.default.schema.json", schemaKeys], ["fr.schema.json", schemaKeys], ["en.default.json", storefrontKeys], ["fr.json", storefrontKeys]] as const) {
      for (const key of keys) expect(has(locales(file), key), `${file}: ${key}`).toBe(true);
    }
  });

  it("GIVEN the assets WHEN inspected THEN they are small, load nothing remote and the script is tiny", () => {
    const dir = join(EXTENSION_DIR, "assets");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(text, name).not.toMatch(/https?:\/\//);
      expect(statSync(join(dir, name)).size, name).toBeLessThan(4096);
    }
    expect(statSync(join(dir, "aftercare.js")).size).toBeLessThan(1500);
    expect(source).not.toMatch(/https?:\/\/|\{%-?\s*(javascript|stylesheet|include)\b/);
  });

  it("GIVEN a signed-in shopper on an order page WHEN the block renders THEN it links to the app proxy page for that order, labelled by its heading", () => {
    const { html } = render({ customer: { id: 7100000301, first_name: "Amelia" }, order: { id: 7100004242, name: "#1187" }, shop: { name: "Hatton & Hart" } });
    expect(html).toContain('href="/apps/aftercare?order_id=7100004242&amp;locale=en"');
    expect(html).toContain("Get help with order #1187");
    expect(html).toMatch(/<section[^>]+aria-labelledby="aftercare-heading-AbC123"/);
    expect(html).toContain('<h2 id="aftercare-heading-AbC123"');
    expect(html).toContain("Returns, repairs and aftercare");
    expect(html).not.toContain("translation missing");
  });

  it("GIVEN a merchant's heading with markup and a French storefront WHEN rendered THEN the heading is escaped and the text translated", () => {
    const { html } = render({ customer: { id: 1 }, order: { id: 42, name: "#1001" } }, { heading: "Aide <b>après-vente</b>", style: "link" }, "fr");
    expect(html).toContain("Aide &lt;b&gt;après-vente&lt;/b&gt;");
    expect(html).toContain("Aide pour la commande #1001");
    expect(html).toContain("aftercare-block--link");
  });

  it("GIVEN a localized storefront root WHEN rendered THEN the proxy link keeps the locale prefix", () => {
    const { html } = render({ customer: { id: 1 }, order: { id: 42, name: "#1001" }, routes: { root_url: "/fr", account_login_url: "/fr/account/login" } });
    expect(html).toContain('href="/fr/apps/aftercare?order_id=42&amp;locale=en"');
  });

  it("GIVEN no signed-in shopper WHEN rendered THEN it asks them to log in, and offers guests the order lookup", () => {
    const { html } = render({});
    expect(html).toContain('href="/account/login"');
    expect(html).toContain('href="/apps/aftercare?locale=en"');
    expect(html).toContain("Find your order");
  });

  it("GIVEN a storefront in English for a shopper in Britain WHEN rendered THEN the link carries en-GB, so the portal writes dates as the shopper does; a locale with its own region keeps it", () => {
    const british = render({ customer: { id: 1 }, order: { id: 42, name: "#1001" }, localization: { country: { iso_code: "GB" } } });
    expect(british.html).toContain('href="/apps/aftercare?order_id=42&amp;locale=en-GB"');
    const brazilian = render({ customer: { id: 1 }, order: { id: 42, name: "#1001" }, request: { locale: { iso_code: "pt-BR" } }, localization: { country: { iso_code: "PT" } } });
    expect(brazilian.html).toContain('href="/apps/aftercare?order_id=42&amp;locale=pt-BR"');
  });

  it("GIVEN an Arabic storefront WHEN rendered THEN the text is Arabic and the link carries the locale", () => {
    const { html } = render({ customer: { id: 1 }, order: { id: 42, name: "#1001" }, request: { locale: { iso_code: "ar" } } }, {}, "ar");
    expect(html).toContain("المساعدة في الطلب #1001");
    expect(html).toContain('href="/apps/aftercare?order_id=42&amp;locale=ar"');
  });
});
