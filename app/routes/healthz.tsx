// Liveness: the process is up and serving. Touches nothing else, so a slow database never gets
// a healthy process restarted.
export const loader = () => new Response("ok\n", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
