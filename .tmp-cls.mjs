import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ value: e.value, t: e.startTime, sources: (e.sources || []).map((s) => ({ node: s.node ? (s.node.tagName + "." + (s.node.className || "").toString().slice(0, 60) + " " + (s.node.textContent || "").trim().slice(0, 50)) : null, prev: JSON.stringify(s.previousRect), cur: JSON.stringify(s.currentRect) })) }); }).observe({ type: "layout-shift", buffered: true });
});
await page.goto(process.argv[2]);
await page.waitForTimeout(4000);
console.log(JSON.stringify(await page.evaluate(() => window.__shifts), null, 1));
const counts = await page.evaluate(() => document.body.innerText.match(/payments? waiting[^\n]*/g));
console.log(counts);
await browser.close();
