import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__log = [];
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((muts) => { for (const m of muts) for (const n of m.addedNodes) if (n.nodeType === 1 && (n.textContent || "").trim()) window.__log.push({ t: Math.round(performance.now()), parent: m.target.className?.toString().slice(0, 50), text: (n.textContent || "").trim().slice(0, 120), h: n.getBoundingClientRect?.().height }); }).observe(document.body, { childList: true, subtree: true });
  });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__log.push({ t: Math.round(e.startTime), shift: e.value }); }).observe({ type: "layout-shift", buffered: true });
});
if (process.argv[3]) await page.addInitScript(() => { const s = document.createElement('style'); s.textContent = 'html{scrollbar-gutter:stable}'; document.documentElement.appendChild(s); });
await page.goto(process.argv[2]);
await page.waitForTimeout(4000);
for (const l of await page.evaluate(() => window.__log)) console.log(JSON.stringify(l));
await browser.close();
