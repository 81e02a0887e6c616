// `npm run demo`: the app on its embedded default (SQLite), built and served as in production.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "aftercare-demo",
  // A fresh secret per run: nothing outside this machine ever needs to verify the demo's tokens.
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? randomBytes(24).toString("hex"),
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://127.0.0.1:${port}`,
};

function step(label, command, args) {
  console.log(`• ${label}`);
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step("migrating the SQLite database", "node_modules/.bin/prisma", ["migrate", "deploy"]);
step("building the app", process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);

const server = spawn(process.execPath, ["node_modules/@remix-run/serve/dist/cli.js", "build/index.js"], { stdio: "inherit", env });
console.log(`\nAftercare is starting on ${env.SHOPIFY_APP_URL}  (Ctrl-C stops it)\n`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
