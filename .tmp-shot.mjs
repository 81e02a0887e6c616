import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", viewport: { width: Number(process.argv[4] ?? 1280), height: 800 } });
const page = await ctx.newPage();
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
await page.screenshot({ path: process.argv[3] });
await browser.close();
