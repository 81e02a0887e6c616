import { startDemo, type DemoOptions, type RunningDemo } from "../../scripts/demo-standin";
import { freePort, startBuiltApp, type RunningApp } from "./app-server";
import { freshDatabase, type Provider, type TestDatabase } from "./databases";

export type RunningDemoApp = {
  database: TestDatabase;
  demo: RunningDemo;
  app: RunningApp;
  /** The app's port (SHOPIFY_APP_URL's). */
  port: number;
  close(): Promise<void>;
};

type DemoAppOptions = {
  apiKey: string;
  /** The database the app runs on (SQLite unless a test runs it on PostgreSQL too). */
  provider?: Provider;
  apiSecret: string;
  /** How the demo shop is seeded (preset, seed, desk requests, clock). */
  demo?: Omit<DemoOptions, "apiKey" | "apiSecret" | "appUrl" | "databaseUrl">;
  /** Environment beyond the app's Shopify configuration, given the app's port. */
  env?: (port: number, demo: RunningDemo) => Record<string, string>;
  /**
   * Runs once the stand-in holds the demo shop and before the app starts: a policy to set,
   * orders to add, a harness route to mount.
   */
  prepare?: (running: { database: TestDatabase; demo: RunningDemo; port: number }) => Promise<void> | void;
};

/**
 * What the browser tests drive: the demo jeweller in the stand-in, and the production build of
 * the app serving it on a fresh SQLite (or PostgreSQL) database, configured only through its environment as
 * `npm run demo` configures it.
 */
export async function startDemoApp(options: DemoAppOptions): Promise<RunningDemoApp> {
  const database = await freshDatabase(options.provider ?? "sqlite");
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const demo = await startDemo({ ...options.demo, apiKey: options.apiKey, apiSecret: options.apiSecret, appUrl, databaseUrl: database.url });
  let app: RunningApp;
  try {
    await options.prepare?.({ database, demo, port });
    app = await startBuiltApp(
      {
        SHOPIFY_API_KEY: options.apiKey,
        SHOPIFY_API_SECRET: options.apiSecret,
        SHOPIFY_APP_URL: appUrl,
        DATABASE_URL: database.url,
        SHOPIFY_ADMIN_API_ORIGIN: demo.standin.origin,
        APP_BRIDGE_URL: `${demo.standin.origin}/app-bridge.js`,
        SCOPES: demo.standin.engine.settings.scopes.join(","),
        ...options.env?.(port, demo),
      },
      { port },
    );
  } catch (error) {
    await demo.close();
    await database.dispose();
    throw error;
  }
  return {
    database,
    demo,
    app,
    port,
    async close() {
      await app.stop();
      await demo.close();
      await database.dispose();
    },
  };
}
