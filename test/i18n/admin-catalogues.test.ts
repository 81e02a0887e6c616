import { describe, expect, it } from "vitest";

import { adminLanguageOf } from "../../app/i18n/admin";
import { adminI18n, adminLocale, adminT } from "../../app/i18n/i18n.server";
import en from "../../app/i18n/locales/en.json";
import fr from "../../app/i18n/locales/fr.json";

type Tree = { [key: string]: string | Tree };

/** Every key of a catalogue with its text ("home.failed.title.one" → "{{count}} background task failed"). */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("the admin's catalogues", () => {
  const english = flatten(en);
  const french = flatten(fr);

  it("GIVEN en.json and fr.json WHEN their keys are compared THEN each has exactly the other's keys", () => {
    expect([...french.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !french.has(k))).toEqual([]);
  });

  it("GIVEN each key WHEN its {{placeholders}} are compared THEN French names the same values as English", () => {
    const differing = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(french.get(key) ?? "").join()).map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it("GIVEN a plural (one/other) WHEN read THEN both forms exist in both languages and interpolate the count", () => {
    const plurals = [...english.keys()].filter((k) => k.endsWith(".one")).map((k) => k.slice(0, -".one".length));
    expect(plurals.length).toBeGreaterThan(3);
    for (const key of plurals) expect([english.has(`${key}.other`), french.has(`${key}.other`)], key).toEqual([true, true]);
    expect(adminT("en-GB")("home.failed.title", { count: 1 })).toBe("1 background task failed");
    expect(adminT("en-GB")("home.failed.title", { count: 2 })).toBe("2 background tasks failed");
    // French counts 0 and 1 as singular.
    expect(adminT("fr")("home.failed.title", { count: 0 })).toBe("0 tâche en arrière-plan a échoué");
    expect(adminT("fr-FR")("home.failed.title", { count: 3 })).toBe("3 tâches en arrière-plan ont échoué");
  });

  it("GIVEN Shopify admin's locale WHEN the language is chosen THEN fr and fr-FR read French and a language without a catalogue reads English", () => {
    expect(["fr", "fr-FR", "fr-CA", "en-GB", "de-DE", "", null].map(adminLanguageOf)).toEqual(["fr", "fr", "fr", "en", "en", "en", "en"]);
    expect(adminT("de")("nav.home")).toBe("Home");
    expect(adminT("fr")("nav.home")).toBe("Accueil");
  });

  it("GIVEN the embedded load with locale=fr-FR WHEN the layout resolves it THEN it keeps it in a cookie, which the next navigation (without the parameter) reads", () => {
    const first = adminI18n(new Request("https://app.example/app?locale=fr-FR&shop=x.myshopify.com"));
    expect([first.language, first.locale]).toEqual(["fr", "fr-FR"]);
    expect(first.setCookie).toMatch(/^aftercare_locale=fr-FR; Path=\/; .*SameSite=None; Secure; Partitioned$/);
    const cookie = first.setCookie!.split(";")[0];
    const next = new Request("https://app.example/app/requests?_data=routes%2Fapp.requests._index", { headers: { cookie, "accept-language": "en-US" } });
    expect(adminLocale(next)).toBe("fr-FR");
    expect(adminI18n(next).setCookie).toBeNull();
    // A garbled parameter is ignored rather than stored.
    expect(adminI18n(new Request("https://app.example/app?locale=%3Cscript%3E")).setCookie).toBeNull();
  });
});
