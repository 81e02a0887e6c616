import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startBuiltApp, type RunningApp } from "../support/app-server";
import { launchBrowser, loopbackOnlyContext, screenshotPath } from "../support/browser";
import { freshDatabase, type TestDatabase } from "../support/databases";

describe("the built app in Chromium", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    app = await startBuiltApp({
      SHOPIFY_API_KEY: "aftercare-e2e-key",
      SHOPIFY_API_SECRET: "aftercare-e2e-secret",
      SHOPIFY_APP_URL: "http://127.0.0.1",
      DATABASE_URL: database.url,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.dispose();
  });

  it("GIVEN a merchant on the landing page THEN they see what Aftercare does and can log in", async () => {
    const { context, blocked } = await loopbackOnlyContext(browser);
    const page = await context.newPage();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Aftercare" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Returns, exchanges, warranty claims, repairs and care services").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Shop domain").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath("landing"), fullPage: true });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it("GIVEN a bad shop domain WHEN the merchant logs in THEN the form says what to fix", async () => {
    const { context } = await loopbackOnlyContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.url}/auth/login`);
    await page.getByLabel("Shop domain").fill("not a shop");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Enter a valid shop domain").waitFor();
    await page.screenshot({ path: screenshotPath("login-error"), fullPage: true });
    await context.close();
  });
});
