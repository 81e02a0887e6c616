// `npm run demo`: Aftercare as a merchant and a shopper would meet it, with no Shopify account and
// no internet. It migrates the embedded SQLite database, builds the app, starts the local Shopify
// stand-in seeded with a demo jeweller (scripts/demo-standin.ts, run with tsx), installs the app
// there, starts the production build configured only through its environment and the job worker
// beside it (scripts/worker.ts), and prints where to look: the demo jeweller, and a shop for each
// other policy preset (DEMO_PRESET_SHOPS=0 leaves those out). Ctrl-C stops them all.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const host = "127.0.0.1";
const port = process.env.PORT ?? "3000";
const standinPort = process.env.STANDIN_PORT ?? String(Number(port) + 1);
const standinOrigin = `http://${host}:${standinPort}`;
const scopes = /^scopes\s*=\s*"([^"]*)"/m.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";

const env = {
  ...process.env,
  NODE_ENV: "production",
  HOST: host,
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "aftercare-demo",
  // A fresh secret per run, shared by the app and the stand-in: nothing else ever verifies it.
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? randomBytes(24).toString("hex"),
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://${host}:${port}`,
  SCOPES: process.env.SCOPES ?? scopes,
  // The app talks to the stand-in instead of https://{shop} and loads its App Bridge script.
  SHOPIFY_ADMIN_API_ORIGIN: standinOrigin,
  APP_BRIDGE_URL: `${standinOrigin}/app-bridge.js`,
  STANDIN_PORT: standinPort,
};

function step(label, command, args) {
  console.log(`• ${label}`);
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step("migrating the SQLite database", "node_modules/.bin/prisma", ["migrate", "deploy"]);
step("building the app", process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);
// The customer-account and admin UI extensions, bundled by Shopify CLI as `shopify app build` does
// (offline; it needs Node 22, which `npm run` provides). The stand-in hosts the bundles on its
// customer-account and admin order pages. If the CLI cannot build here, the demo goes on without them.
console.log("• building the UI extensions with Shopify CLI");
const cli = spawnSync(process.execPath, ["node_modules/@shopify/cli/bin/run.js", "app", "build", "--skip-dependencies-installation"], {
  stdio: ["ignore", "ignore", "pipe"],
  encoding: "utf8",
  timeout: 240_000,
  env: { ...env, CI: "1", SHOPIFY_CLI_NO_ANALYTICS: "1", NO_COLOR: "1" },
});
if (cli.status === 0) env.DEMO_EXTENSIONS = "1";
else console.warn(`  (not built, so the customer-account and admin order pages are left out: ${(cli.stderr || cli.error?.message || "").trim().split("\n").pop()})`);

const children = [];
function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));

console.log("• starting the local Shopify stand-in with the demo jeweller");
const standin = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo-standin.ts"], { stdio: ["ignore", "pipe", "inherit"], env });
children.push(standin);
standin.on("exit", (code) => {
  console.error(`the stand-in stopped (exit ${code})`);
  stopAll(code ?? 1);
});
const ready = await new Promise((resolve) => {
  const lines = createInterface({ input: standin.stdout });
  lines.once("line", (line) => resolve(JSON.parse(line)));
});
standin.stdout.pipe(process.stdout);
// Emails to shoppers go to the stand-in's local SMTP sink, whatever the environment says: the demo
// never sends mail off this machine. Status links in them open the stand-in's storefront of their
// shop (http://{shop}.localhost:<port>: every *.localhost is this machine for the browser).
env.SMTP_URL = ready.mail.smtpUrl;
env.SMTP_ACCEPTANCE_LOG_URL = ready.mail.acceptanceLogUrl;
env.MAIL_FROM = "aftercare@demo.localhost";
env.MAIL_STOREFRONT_ORIGIN = ready.mail.storefrontOrigin;
for (const name of ["MAIL_DKIM_DOMAIN", "MAIL_DKIM_SELECTOR", "MAIL_DKIM_PRIVATE_KEY"]) delete env[name];

console.log("• starting the app");
const app = spawn(process.execPath, ["server.mjs", "build/index.js"], { stdio: ["ignore", "ignore", "inherit"], env });
children.push(app);
app.on("exit", (code) => {
  console.error(`the app stopped (exit ${code})`);
  stopAll(code ?? 1);
});
console.log("• starting the job worker");
// Production shape: the web process records webhooks and enqueues; the worker runs the jobs.
const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], { stdio: ["ignore", "ignore", "inherit"], env });
children.push(worker);
worker.on("exit", (code) => {
  console.error(`the job worker stopped (exit ${code})`);
  stopAll(code ?? 1);
});
for (let tries = 0; ; tries += 1) {
  try {
    const response = await fetch(env.SHOPIFY_APP_URL, { redirect: "manual" });
    if (response.status < 500) break;
  } catch {
    // not listening yet
  }
  if (tries > 200) {
    console.error("the app did not start within 30 s");
    stopAll(1);
  }
  await new Promise((r) => setTimeout(r, 150));
}

const { counts } = ready;
console.log(`
Aftercare is running against a local Shopify (${counts.products} products, ${counts.customers} customers, ${counts.orders} orders).

  Merchant (Shopify admin with the app):  ${ready.adminUrl}
  Shopper (an order on the storefront):   ${ready.storefrontUrl}
  The repair bench (tickets in every state): ${ready.benchUrls.bench}
${ready.benchUrls.ticket ? `  A ticket ("Print job envelope" / "Print tag"): ${ready.benchUrls.ticket}\n` : ""}${
  ready.extensionUrls
    ? `
  The same order in Shopify's customer accounts (UI extensions, signed in as that shopper):
    Return, exchange or repair (page):    ${ready.extensionUrls.customerOrder}
    The order's menu action:              ${ready.extensionUrls.customerOrderAction}
    My aftercare (every request):         ${ready.extensionUrls.myAftercare}
  The order in Shopify admin (admin UI extensions, signed in as the owner):
    Aftercare block:                      ${ready.extensionUrls.adminOrderBlock}
    Log a request (action):               ${ready.extensionUrls.adminOrderAction}
  Shopify POS at the counter (POS UI extension, tablet size, signed in as the owner):
    Home tile (find a job, hand it back): ${ready.extensionUrls.posHome}
    The order: "Take in for repair":      ${ready.extensionUrls.posOrder}
    (The counter takes pieces in for the policy's services. The uk-jeweller preset, the default, has
    none, so that order says no item may be taken in; DEMO_PRESET=fine-jewellery npm run demo has.)
`
    : ""
}
${
  ready.shops && ready.shops.length > 1
    ? `
  Every policy preset has a shop of its own, with requests in every state (Shopify admin with the app):
${ready.shops.map((s) => `    ${`${s.name} (${s.preset}):`.padEnd(52)}${s.adminUrl}`).join("\n")}
  (The storefront and customer accounts above are the first shop's; each shop's own storefront, where
  its emails' status links lead, is ${ready.mail.storefrontOrigin}; DEMO_PRESET=<preset> npm run demo
  puts the first on another preset.)
`
    : ""
}
  The app itself:                         ${env.SHOPIFY_APP_URL}
  Emails to shoppers (local SMTP sink):    ${ready.mail.pageUrl}
    (the worker sends one per step of each request; nothing leaves this machine)

Ctrl-C stops it.
`);
