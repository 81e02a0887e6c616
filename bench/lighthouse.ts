// `npm run bench:lighthouse`: Lighthouse's performance score of the stand-in storefront's order
// page (the demo shop, its featured shopper's recent order) with the app block and without it,
// in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium; never a downloaded browser).
// Each variant runs RUNS times, interleaved, and the median is kept. Issue 11: the block may
// cost at most 3 points. Results go to bench/results/lighthouse-storefront.json with the load.
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { legacyId } from "../test/standin/ids";
import { createDemoStore } from "../test/standin/seed";
import { startStandin } from "../test/standin/server";
import { storefrontRoutes } from "../test/standin/storefront";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const MAX_POINTS_LOST = 3;

async function storefront(block: boolean) {
  const now = new Date();
  const { store, summary } = createDemoStore({ now });
  const standin = await startStandin({ apiKey: "lighthouse", apiSecret: "lighthouse-secret", appUrl: "http://127.0.0.1:9", scopes: [], shops: [store] });
  standin.engine.settings.storefrontOrigin = standin.origin;
  standin.use(storefrontRoutes({ shop: store.domain, signedInCustomerId: summary.featuredCustomerId, block }));
  return { url: `${standin.origin}/account/orders/${legacyId(summary.featuredOrderIds.recent)}`, close: () => standin.close() };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const pages = { withBlock: await storefront(true), withoutBlock: await storefront(false) };
const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const runs: Record<keyof typeof pages, { score: number; fcpMs: number; lcpMs: number; tbtMs: number; cls: number }[]> = { withBlock: [], withoutBlock: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ["withoutBlock", "withBlock"] as const) {
      const result = await lighthouse(pages[variant].url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] }, { extends: "lighthouse:default", settings: { formFactor: "mobile", throttlingMethod: "simulate" } });
      const lhr = result?.lhr;
      if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse failed on ${variant}: ${lhr?.runtimeError?.message ?? "no result"}`);
      const audit = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
      runs[variant].push({ score: Math.round((lhr.categories.performance.score ?? 0) * 100), fcpMs: Math.round(audit("first-contentful-paint")), lcpMs: Math.round(audit("largest-contentful-paint")), tbtMs: Math.round(audit("total-blocking-time")), cls: Number(audit("cumulative-layout-shift").toFixed(4)) });
      console.log(variant, JSON.stringify(runs[variant].at(-1)));
    }
  }
} finally {
  await chrome.kill();
  await pages.withBlock.close();
  await pages.withoutBlock.close();
}

const summary = (variant: keyof typeof pages) => ({ medianScore: median(runs[variant].map((r) => r.score)), medianLcpMs: median(runs[variant].map((r) => r.lcpMs)), maxCls: Math.max(...runs[variant].map((r) => r.cls)), runs: runs[variant] });
const withBlock = summary("withBlock");
const withoutBlock = summary("withoutBlock");
const pointsLost = withoutBlock.medianScore - withBlock.medianScore;
const output = {
  what: "Lighthouse performance score (mobile, simulated throttling) of the stand-in storefront's order page, with the Aftercare app block and without it",
  lighthouse: "13 (npm), Chromium from Debian",
  target: { maxPointsLost: MAX_POINTS_LOST },
  withBlock,
  withoutBlock,
  pointsLost,
  pass: pointsLost <= MAX_POINTS_LOST,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavg: loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
  at: new Date().toISOString(),
};
writeFileSync(join("bench", "results", "lighthouse-storefront.json"), `${JSON.stringify(output, null, 2)}\n`);
console.log(`performance: ${withoutBlock.medianScore} without the block, ${withBlock.medianScore} with it (${pointsLost} points lost; at most ${MAX_POINTS_LOST})`);
