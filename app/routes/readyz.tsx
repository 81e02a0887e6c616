import { json } from "@remix-run/node";

import { readiness } from "../platform/health.server";

// Readiness: the database and the queue answer (200), or which of them does not (503). Remix's
// `json`, not `Response.json`: the fetch globals server.mjs installs (`npm start`) have no static
// `Response.json`, and every probe answered 500 there.
export const loader = async () => {
  const { ready, checks } = await readiness();
  return json({ ready, checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
