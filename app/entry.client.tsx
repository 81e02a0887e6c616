import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * Remix's client entry, hydrating once the server's HTML has been parsed and painted. Remix loads
 * this as an async module, which can run while a long page (the requests list) is still being
 * parsed; hydrating then kept the main thread busy until the whole tree was rendered, so the
 * table the server had already sent was first painted only after React finished (LCP waited for
 * the JavaScript). Waiting for DOMContentLoaded and one frame lets the browser paint the page
 * first; nothing on it is interactive before hydration either way.
 */
function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

function afterFirstPaint() {
  requestAnimationFrame(() => setTimeout(hydrate, 0));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterFirstPaint, { once: true });
else afterFirstPaint();
