import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { env } from "./platform/env.server";
import { addDocumentResponseHeaders } from "./shopify.server";

// The production server (server.mjs) takes its request listener from the server build, so the
// fast path shares this build's database client, metrics and logger with the Remix routes.
export { createRequestListener, drainWebhooks } from "./platform/http.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Shopify's headers for embedded documents (frame-ancestors CSP, link preloads).
  addDocumentResponseHeaders(request, responseHeaders);
  // The library preloads App Bridge from Shopify's CDN; preload the script the page really loads
  // (APP_BRIDGE_URL, as app.tsx uses it) so no request goes where the app never needed to go.
  if (env.APP_BRIDGE_URL && responseHeaders.has("Link")) {
    responseHeaders.set("Link", `<${env.APP_BRIDGE_URL}>; rel="preload"; as="script";`);
  }
  const userAgent = request.headers.get("user-agent");
  const readyEvent = userAgent && isbot(userAgent) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [readyEvent]() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
