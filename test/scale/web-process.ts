// A web process for the scale test: an HTTP server that hands each webhook to its Remix route's
// own `action` (app/routes/webhooks.*.tsx: verify, dedupe, record and enqueue, answer), as
// remix-serve does in production, without needing `npm run build` first. Env as the app's
// (DATABASE_URL, SHOPIFY_API_SECRET, …) plus PORT; prints one line when listening.
import { createServer } from "node:http";

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
const routes = new Map<string, Promise<Action>>();

function actionFor(topic: string): Promise<Action> {
  let found = routes.get(topic);
  if (!found) {
    found = import(`../../app/routes/webhooks.${topic}.tsx`).then((m: { action: Action }) => m.action);
    routes.set(topic, found);
  }
  return found;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    void (async () => {
      const match = /^\/webhooks\/([a-z_]+)\/([a-z_]+)$/.exec(req.url ?? "");
      if (req.url === "/healthz") return res.writeHead(200).end("ok");
      if (!match || req.method !== "POST") return res.writeHead(404).end();
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      const response = await (await actionFor(`${match[1]}.${match[2]}`))({ request, params: {}, context: {} }).catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      });
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ listening: typeof address === "object" && address ? address.port : null })}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
