import { readiness } from "../health.server";

// Readiness: the database and the queue answer (200), or which of them does not (503).
export const loader = async () => {
  const { ready, checks } = await readiness();
  return Response.json({ ready, checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
