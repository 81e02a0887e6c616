import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";

import { stringify } from "lossless-json";

import { topicDenial } from "./access";
import { payloadFor } from "./webhook-payloads";
import type { ShopStore, StoreEvent } from "./store";

/** One subscription: a topic ("orders/updated") and where it goes (path on the app, or a URL). */
export type Subscription = { topic: string; uri: string };

export type DeliveryAttempt = { at: string; status?: number; error?: string };
export type Delivery = {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  body: string;
  triggeredAt: string;
  attempts: DeliveryAttempt[];
  state: "pending" | "delivered" | "failed" | "held";
};

export type WebhookOptions = {
  /** Subscriptions; default: those in `toml` (shopify.app.toml in the working directory). */
  subscriptions?: Subscription[];
  toml?: string;
  /**
   * Waits before each retry. Default: Shopify's 8 retries over the next 4 hours
   * (https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks), as
   * SHOPIFY_RETRY_SCHEDULE_MS. `backoffMs` instead: that first wait, doubled each retry, for
   * `attempts` tries in all.
   */
  schedule?: readonly number[];
  attempts?: number;
  backoffMs?: number;
  /** The clock retries wait on; tests pass one that jumps, so four hours take no time. */
  clock?: WebhookClock;
  /** Shopify's one-second connection timeout, and five seconds for the whole answer. */
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** Test seam: opens the connection (default: node's). */
  createConnection?: (options: object) => Socket;
  apiVersion?: string;
  /**
   * The app's granted scopes: a subscription whose topic needs a scope they lack (the topic's
   * WebhookSubscriptionTopic description says which) is refused, as Shopify refuses it, and
   * nothing is delivered for it. Unset: every subscription stands.
   */
  scopes?: readonly string[];
};

export type WebhookClock = { now: () => Date; sleep: (ms: number) => Promise<void> };

/** Waits between Shopify's 8 retries: growing, 4 hours in all (the exact steps are Shopify's to choose). */
export const SHOPIFY_RETRY_SCHEDULE_MS: readonly number[] = [60, 120, 240, 480, 960, 1920, 3840, 6780].map((s) => s * 1000);

/**
 * Reads `[[webhooks.subscriptions]]` blocks (topics, compliance_topics, uri) from the app's TOML.
 * Only the part of TOML those blocks use is understood.
 */
export function subscriptionsFromToml(text: string): { apiVersion: string | undefined; subscriptions: Subscription[] } {
  const apiVersion = /^\s*api_version\s*=\s*"([^"]+)"/m.exec(text.split(/\[\[webhooks\.subscriptions\]\]/)[0])?.[1];
  const subscriptions: Subscription[] = [];
  for (const block of text.split(/^\s*\[\[webhooks\.subscriptions\]\]\s*$/m).slice(1)) {
    const body = block.split(/^\s*\[(?!\[webhooks\.subscriptions)/m)[0];
    const uri = /^\s*uri\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    if (!uri) continue;
    for (const key of ["topics", "compliance_topics"]) {
      const list = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(body)?.[1];
      for (const topic of list?.match(/"([^"]+)"/g) ?? []) subscriptions.push({ topic: topic.slice(1, -1), uri });
    }
  }
  return { apiVersion, subscriptions };
}

/** HMAC-SHA256 of the raw body with the app secret, base64: the X-Shopify-Hmac-Sha256 header. */
export function webhookHmac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/**
 * Delivers webhooks the way Shopify does: signed POSTs with the X-Shopify-* headers, retried with
 * exponential backoff on a non-2xx answer or a network error. Tests can ask for duplicates
 * (`duplicateNext`) and out-of-order delivery (`hold` then `release`), trigger a topic by hand
 * (`send`) and wait until nothing is in flight (`idle`).
 */
export class Webhooks {
  readonly deliveries: Delivery[] = [];
  readonly subscriptions: Subscription[];
  /** Subscriptions Shopify would not accept for the granted scopes, with the access they need. */
  readonly refused: (Subscription & { requiredAccess: string })[] = [];
  private readonly apiVersion: string;
  private readonly attempts: number;
  private readonly backoffMs: number | undefined;
  private readonly schedule: readonly number[];
  private readonly clock: WebhookClock | undefined;
  private readonly connectTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly createConnection: WebhookOptions["createConnection"];
  private duplicates = 0;
  private holding = false;
  private readonly held: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(
    private readonly app: { appUrl: string; apiSecret: string },
    options: WebhookOptions = {},
  ) {
    const fromToml = options.subscriptions ? undefined : subscriptionsFromToml(readFileSync(options.toml ?? "shopify.app.toml", "utf8"));
    const wanted = options.subscriptions ?? fromToml?.subscriptions ?? [];
    const scopes = options.scopes;
    this.subscriptions = [];
    for (const s of wanted) {
      const denied = scopes ? topicDenial(s.topic, scopes) : null;
      if (denied) this.refused.push({ ...s, requiredAccess: denied });
      else this.subscriptions.push(s);
    }
    this.apiVersion = options.apiVersion ?? fromToml?.apiVersion ?? "2026-10";
    this.schedule = options.schedule ?? SHOPIFY_RETRY_SCHEDULE_MS;
    this.backoffMs = options.backoffMs;
    this.attempts = options.attempts ?? (options.backoffMs === undefined ? this.schedule.length + 1 : 9);
    this.clock = options.clock;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.createConnection = options.createConnection;
  }

  /** Follows a shop's state changes: each event whose topic has a subscription is delivered. */
  watch(store: ShopStore): () => void {
    return store.onEvent((event: StoreEvent) => {
      if (!this.subscriptions.some((s) => s.topic === event.topic)) return;
      this.send(event.shop, event.topic, payloadFor(store, event.topic, event.subject), { triggeredAt: event.at });
    });
  }

  /** The next `count` deliveries are sent twice, with the same webhook and event ids. */
  duplicateNext(count = 1): this {
    this.duplicates += count;
    return this;
  }

  /** Keep deliveries back until `release`, to send them out of order. */
  hold(): this {
    this.holding = true;
    return this;
  }

  /** Sends what was held: newest first by default, or in the order given by `order`. */
  release(order: "reverse" | "fifo" | ((held: Delivery[]) => Delivery[]) = "reverse"): Delivery[] {
    this.holding = false;
    const batch = this.held.splice(0);
    const sorted = typeof order === "function" ? order(batch) : order === "reverse" ? [...batch].reverse() : batch;
    // One after another, so the app receives them in exactly this order.
    let previous: Promise<void> = Promise.resolve();
    for (const d of sorted) previous = this.start(d, previous);
    return sorted;
  }

  /**
   * Sends `topic` for `shop` now. `payload` defaults to nothing for a topic the stand-in cannot
   * build by itself; pass the body (e.g. from webhook-payloads.ts) when you need a specific one.
   */
  send(shop: string, topic: string, payload: unknown, options: { uri?: string; triggeredAt?: string; eventId?: string } = {}): Delivery[] {
    const subscriptions = options.uri ? [{ topic, uri: options.uri }] : this.subscriptions.filter((s) => s.topic === topic);
    const refused = options.uri ? undefined : this.refused.find((s) => s.topic === topic);
    if (!subscriptions.length && refused) throw new Error(`the subscription to ${topic} was refused: ${refused.requiredAccess}`);
    if (!subscriptions.length) throw new Error(`no subscription for ${topic}; the app subscribes to ${this.subscriptions.map((s) => s.topic).join(", ")}`);
    // Ids are 64-bit JSON numbers (webhook-payloads.ts): printed exactly, never rounded.
    const body = stringify(payload) ?? "null";
    const triggeredAt = options.triggeredAt ?? new Date().toISOString();
    const eventId = options.eventId ?? randomUUID();
    return subscriptions.map((s) => {
      const delivery: Delivery = {
        webhookId: randomUUID(),
        eventId,
        topic,
        shop,
        url: /^https?:\/\//.test(s.uri) ? s.uri : `${this.app.appUrl.replace(/\/$/, "")}${s.uri}`,
        body,
        triggeredAt,
        attempts: [],
        state: "pending",
      };
      this.deliveries.push(delivery);
      const copies = this.duplicates > 0 ? 2 : 1;
      if (this.duplicates > 0) this.duplicates -= 1;
      for (let i = 0; i < copies; i++) {
        const copy = i === 0 ? delivery : { ...delivery, attempts: [] };
        if (i > 0) this.deliveries.push(copy);
        if (this.holding) {
          copy.state = "held";
          this.held.push(copy);
        } else this.start(copy);
      }
      return delivery;
    });
  }

  /** The headers Shopify sends with a delivery (the HMAC covers the raw body exactly). */
  headers(d: Delivery): Record<string, string> {
    return {
      "Content-Type": "application/json",
      "X-Shopify-Topic": d.topic,
      "X-Shopify-Hmac-Sha256": webhookHmac(d.body, this.app.apiSecret),
      "X-Shopify-Shop-Domain": d.shop,
      "X-Shopify-API-Version": this.apiVersion,
      "X-Shopify-Webhook-Id": d.webhookId,
      "X-Shopify-Event-Id": d.eventId,
      "X-Shopify-Triggered-At": d.triggeredAt,
    };
  }

  /** Resolves when no delivery is in flight or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
  }

  private start(d: Delivery, after: Promise<void> = Promise.resolve()): Promise<void> {
    d.state = "pending";
    const run: Promise<void> = after.then(() => this.attempt(d, 0)).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return run;
  }

  private async attempt(d: Delivery, n: number): Promise<void> {
    if (this.closed) return;
    const record: DeliveryAttempt = { at: (this.clock?.now() ?? new Date()).toISOString() };
    d.attempts.push(record);
    try {
      const status = await this.post(d);
      record.status = status;
      if (status >= 200 && status < 300) {
        d.state = "delivered";
        return;
      }
    } catch (error) {
      record.error = (error as Error).message;
    }
    if (n + 1 >= this.attempts || this.closed) {
      d.state = "failed";
      return;
    }
    const wait = this.backoffMs !== undefined ? this.backoffMs * 2 ** n : (this.schedule[n] ?? this.schedule.at(-1) ?? 0);
    if (this.clock) await this.clock.sleep(wait);
    else {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, wait);
        this.timers.set(timer, resolve);
      });
    }
    return this.attempt(d, n + 1);
  }

  /**
   * One POST: fails when no connection is made within `connectTimeoutMs` or no full answer comes
   * within `timeoutMs`, as Shopify's delivery does. Resolves with the HTTP status.
   */
  private post(d: Delivery): Promise<number> {
    const url = new URL(d.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = send(url, { method: "POST", headers: { ...this.headers(d), "Content-Length": String(Buffer.byteLength(d.body)) }, ...(this.createConnection ? { createConnection: this.createConnection } : {}) });
      const whole = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on("socket", (socket: Socket) => {
        if (!socket.connecting && !this.createConnection) return;
        const connect = setTimeout(() => req.destroy(new Error(`connection not made within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(connect));
        req.once("close", () => clearTimeout(connect));
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => {
          clearTimeout(whole);
          resolve(res.statusCode ?? 0);
        });
        res.on("error", (error) => {
          clearTimeout(whole);
          reject(error);
        });
      });
      req.on("error", (error) => {
        clearTimeout(whole);
        reject(error);
      });
      req.end(d.body);
    });
  }
}
