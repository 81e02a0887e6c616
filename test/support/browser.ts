import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

export const ARTIFACTS = join(process.cwd(), "test", "artifacts");

/** Debian's Chromium, headless, with the flags that keep it off a closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A context that can reach only this machine: any request to another host is aborted and
 * recorded, so a page that silently depends on a CDN shows up in the test.
 */
export async function loopbackOnlyContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    // Every *.localhost is this machine (Chromium resolves it so): the stand-in's per-shop storefronts.
    if (protocol === "data:" || hostname === "127.0.0.1" || hostname === "localhost" || hostname.endsWith(".localhost")) return route.continue();
    blocked.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  return { context, blocked };
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/**
 * A context for a Shopify host page (admin, POS) whose extensions call the app at its public URL
 * (`appOrigin`, from shopify.app.toml): this machine is reachable, the app's URL is answered by the
 * local build at `localUrl`, anything else is aborted and recorded. Each call to the app is logged
 * as "METHOD /path bearer|no-token", so a test can see the extension sent its session token.
 */
export async function extensionHostContext(browser: Browser, route: { appOrigin: string; localUrl: () => string }, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; blocked: string[]; calls: string[] }> {
  const context = await browser.newContext(options);
  const blocked: string[] = [];
  const calls: string[] = [];
  await context.route("**/*", async (intercepted) => {
    const url = new URL(intercepted.request().url());
    if (url.hostname === "127.0.0.1") return intercepted.continue();
    if (url.origin === route.appOrigin) {
      calls.push(`${intercepted.request().method()} ${url.pathname} ${intercepted.request().headers()["authorization"] ? "bearer" : "no-token"}`);
      const response = await intercepted.fetch({ url: `${route.localUrl()}${url.pathname}${url.search}` });
      return intercepted.fulfill({ response });
    }
    blocked.push(url.toString());
    return intercepted.abort("blockedbyclient");
  });
  return { context, blocked, calls };
}
