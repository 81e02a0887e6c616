import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__snaps = [];
  let last = "";
  const snap = () => {
    const els = [...document.querySelectorAll(".Polaris-Page > *, .Polaris-Layout__Section > *, .Polaris-Layout__Section > * > *, nav, body > *")];
    const s = els.map((e) => `${e.tagName}.${String(e.className).slice(0, 30)}@${Math.round(e.getBoundingClientRect().top)}h${Math.round(e.getBoundingClientRect().height)}w${Math.round(e.getBoundingClientRect().width)}`).join(" | ");
    if (s !== last) { window.__snaps.push(Math.round(performance.now()) + " " + s); last = s; }
    if (performance.now() < 3000) requestAnimationFrame(snap);
  };
  requestAnimationFrame(snap);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__snaps.push(Math.round(e.startTime) + " SHIFT " + e.value); }).observe({ type: "layout-shift", buffered: true });
});
await page.goto(process.argv[2]);
await page.waitForTimeout(3500);
for (const l of await page.evaluate(() => window.__snaps)) console.log(l.slice(0, 900));
await browser.close();
