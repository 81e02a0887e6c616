import { describe, expect, it } from "vitest";

import { DEFAULT_TEMPLATES, renderEmail } from "../../app/messaging/templates.server";

/**
 * An email opened by the shopper loads nothing from elsewhere: MJML imports Google Fonts for a
 * font family it knows (Roboto among the system fonts the template names), which would tell a
 * third party who opened which shop's mail, and fails on a machine without the internet.
 */
describe("the shopper's email carries everything it shows", () => {
  it.each(["en", "fr", "ar"] as const)("GIVEN the approval email in %s WHEN it is rendered THEN its HTML imports no web font and links nowhere but the status page", async (language) => {
    const mail = await renderEmail(DEFAULT_TEMPLATES.approved[language], language, { shop: "Hatton & Hart Jewellers", number: "R-12", order: "#2165" }, "https://demo-jeweller.myshopify.com/apps/aftercare/status?token=t");
    expect(mail.html).not.toMatch(/fonts\.googleapis\.com|@import\s+url|<link[^>]+stylesheet/i);
    const urls = [...mail.html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual(["https://demo-jeweller.myshopify.com/apps/aftercare/status?token=t"]);
  });
});
