// `npm start`: the production server. Shopify's webhook POSTs are answered before Remix by the
// fast path in the server build (app/platform/http.server.ts: HMAC, dedupe and enqueue in one group-committed
// transaction); every other request goes to Remix through Express, as `remix-serve` serves it
// (compression, fingerprinted assets cached for a year, public/ for an hour). Every request gets
// an X-Request-Id and one access log line (docs/decisions/011-webhook-fast-path.md).
//   node server.mjs [build/index.js]     PORT (default 3000), HOST (default all interfaces)
import { createServer } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";
const build = await import(pathToFileURL(resolve(process.argv[2] ?? "build/index.js")).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });
const { createRequestListener, drainWebhooks } = build.entry.module;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const server = createServer(createRequestListener(app));
// Shopify keeps connections to the app open; an idle one must not hold a worker's shutdown for long.
server.keepAliveTimeout = 65_000;
server.listen(port, process.env.HOST, () => console.log(`[aftercare] http://${process.env.HOST ?? "localhost"}:${port}`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    // No new connections; requests under way (webhooks waiting on their batch) are answered first.
    server.close(() => void drainWebhooks().finally(() => process.exit(0)));
    server.closeIdleConnections();
    // A kept-alive connection that stays open past the grace period is cut.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
