import { z } from "zod";

import { databaseTarget, DEFAULT_DATABASE_URL } from "./db-target";

/**
 * Everything Aftercare reads from the environment, checked once at boot. A missing or malformed
 * variable stops the process with one line that names it, instead of failing later on a request.
 */
const commaList = z
  .string()
  .transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string({ error: "is required" }).min(1, "is required"),
  SHOPIFY_API_SECRET: z.string({ error: "is required" }).min(1, "is required"),
  SHOPIFY_APP_URL: z.url({ error: "must be the app's public https URL" }),
  SCOPES: commaList.optional(),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((value, ctx) => {
      try {
        databaseTarget(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL /, "") });
      }
    }),
  /** Extra shop domains the app accepts besides *.myshopify.com (e.g. a local stand-in). */
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  /**
   * Where Admin API and OAuth calls for a shop go instead of https://{shop}. Unset in production;
   * set to the local Shopify stand-in's origin for the demo and the tests.
   */
  SHOPIFY_ADMIN_API_ORIGIN: z.url().optional(),
  /** App Bridge script URL; Shopify's CDN by default. */
  APP_BRIDGE_URL: z.url().optional(),
  /** Where shoppers' photos are kept (app/requests/photos.server.ts): a folder outside the web root. */
  AFTERCARE_PHOTO_DIR: z.string().min(1).default(".data/photos"),
  /**
   * Whether web processes also run jobs. Production runs `npm run worker` beside the web
   * processes, which then only record webhooks and enqueue ("false", the production default);
   * `shopify app dev` starts the web process alone, so development runs jobs in it.
   */
  JOBS_IN_WEB: z.enum(["true", "false"]).optional(),
  /** When set, /metrics answers only requests with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(1).optional(),
  /** How often the job worker polls the queue, in milliseconds (default 2000). */
  JOB_POLL_MS: z.coerce.number().int().min(10).optional(),
  /** The worker's own port for /healthz and /metrics (`npm run worker`); none when unset. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The first retry's delay in seconds; each further retry doubles it, up to an hour (default 30). */
  JOB_RETRY_DELAY_S: z.coerce.number().int().min(1).optional(),
  /** Jobs one worker process runs at once (default 4). */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * PostgreSQL (pg-boss): a running job's heartbeat in seconds (default 30, at least 10). A worker
   * that stops beating (killed) loses the job to another after it and the supervisor's next pass.
   */
  JOB_HEARTBEAT_S: z.coerce.number().int().min(10).optional(),
  /** PostgreSQL (pg-boss): how often the supervisor looks for lapsed jobs, in seconds (default 60). */
  JOB_SUPERVISE_S: z.coerce.number().int().min(1).optional(),
  /** Each Shopify HTTP call's own timeout in milliseconds (default 20000). */
  SHOPIFY_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  /**
   * How long a sent money operation is left to its sender before the reconciler looks at Shopify
   * (default 180000). Must exceed the Shopify call timeout: a send still on the wire is never resent.
   */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(1000).optional(),
  /**
   * How many proxies in front of the app append to X-Forwarded-For and are trusted to: the
   * shopper's address is the one the farthest of them appended (default 1: Shopify's app proxy
   * connects to the app directly). docs/decisions/014-client-address-behind-the-app-proxy.md.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  /**
   * Emails to shoppers (app/messaging): the SMTP relay, as smtp://user:pass@host:587 or
   * smtps://…:465 (none: Aftercare sends no email, and Shopify's own notifications stay on).
   */
  SMTP_URL: z.url({ error: "must be an smtp:// or smtps:// URL" }).refine((url) => /^smtps?:\/\//.test(url), "must be an smtp:// or smtps:// URL").optional(),
  /** The address emails come from; the shop's name is its display name, replies go to the shop's contact email. */
  MAIL_FROM: z.email({ error: "must be an email address" }).default("aftercare@localhost"),
  /** DKIM signing, when all three are given: the signing domain, the selector and the PEM private key (\n may be written as a literal \\n). */
  MAIL_DKIM_DOMAIN: z.string().min(1).optional(),
  MAIL_DKIM_SELECTOR: z.string().min(1).optional(),
  MAIL_DKIM_PRIVATE_KEY: z.string().min(1).optional(),
  /**
   * Where the relay's acceptance log answers `GET ?messageId=<id>` with `{"accepted": true|false}`
   * (the local sink has one): a send whose outcome was lost is looked up there instead of being
   * held for a person. docs/decisions/016-shopper-emails.md.
   */
  SMTP_ACCEPTANCE_LOG_URL: z.url().optional(),
  /**
   * The storefront origin of status links in emails, `{shop}` standing for the shop's myshopify.com
   * domain (default https://{shop}); the demo points it at the stand-in's per-shop storefronts.
   */
  MAIL_STOREFRONT_ORIGIN: z
    .string()
    .refine((value) => URL.canParse(value.replaceAll("{shop}", "example.myshopify.com")) && /^https?:/.test(value), "must be an http(s) origin, {shop} standing for the shop's domain")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).superRefine((value, ctx) => {
  const dkim = [value.MAIL_DKIM_DOMAIN, value.MAIL_DKIM_SELECTOR, value.MAIL_DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkim !== 0 && dkim !== 3) ctx.addIssue({ code: "custom", path: ["MAIL_DKIM_PRIVATE_KEY"], message: "DKIM needs MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR and MAIL_DKIM_PRIVATE_KEY together" });
  if ((value.RECONCILE_GRACE_MS ?? 180_000) <= (value.SHOPIFY_CALL_TIMEOUT_MS ?? 20_000)) {
    ctx.addIssue({ code: "custom", path: ["RECONCILE_GRACE_MS"], message: "must be longer than SHOPIFY_CALL_TIMEOUT_MS (a send still on the wire would be looked at, and paid, again)" });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment, returning either the typed env or one human-readable line. */
export function parseEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; message: string } {
  const result = envSchema.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  return { ok: false, message: `Aftercare cannot start: ${problems.join("; ")}` };
}

function loadEnv(): Env {
  const result = parseEnv(process.env);
  if (!result.ok) {
    // One line on stderr and a non-zero exit: the operator sees exactly which variable to fix.
    process.stderr.write(`${result.message}\n`);
    process.exit(1);
  }
  return result.env;
}

export const env: Env = loadEnv();
