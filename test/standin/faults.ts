import { prng } from "./ids";

/**
 * Failures tests can ask for, the ones an app meets against the real Admin API:
 * - `throttled`: HTTP 200 with a THROTTLED error, how GraphQL reports an empty bucket;
 * - `status`: an HTTP error such as 429 (with Retry-After) or 500/502/503;
 * - `slow`: the answer comes after `ms` milliseconds (then normally, or with `then` applied);
 * - `drop`: the connection is destroyed without an answer;
 * - `lost`: the call IS carried out (a mutation commits), then its answer is lost: an HTTP
 *   `status` (a 5xx from a proxy that timed out) or, without one, the connection destroyed (the
 *   client's timeout). With `delayMs` the answer is lost at once and the call is carried out that
 *   much later (it was still running when the app gave up on it, so an immediate look sees
 *   nothing). The outcome an app cannot know, which decision 005 is about.
 */
export type Fault =
  | { kind: "throttled" }
  | { kind: "status"; status: number; retryAfter?: number }
  | { kind: "slow"; ms: number }
  | { kind: "drop" }
  | { kind: "lost"; status?: number; delayMs?: number };

/** Which endpoint a fault applies to: Admin GraphQL or the OAuth token endpoint. */
export type FaultTarget = "graphql" | "oauth";

/** `operation`: only calls of that GraphQL operation (by its name, "StoreCreditCredit") match the rule. */
type Rule = { target: FaultTarget; fault: Fault; operation?: string } & ({ mode: "next"; remaining: number } | { mode: "share"; ratio: number });

export class Faults {
  private rules: Rule[] = [];
  private random: () => number;
  /** Every fault served, in order, so a test can assert what the app went through. */
  readonly served: { target: FaultTarget; fault: Fault }[] = [];

  constructor(seed = 1) {
    this.random = prng(seed);
  }

  /** The next `count` calls to `target` (of the GraphQL `operation` only, when named) get `fault`. */
  next(count: number, fault: Fault, target: FaultTarget = "graphql", operation?: string): this {
    this.rules.push({ mode: "next", remaining: count, fault, target, operation });
    return this;
  }

  /** A share (0..1) of calls to `target` get `fault`, drawn from the seeded generator. */
  share(ratio: number, fault: Fault, target: FaultTarget = "graphql"): this {
    this.rules.push({ mode: "share", ratio, fault, target });
    return this;
  }

  /** Forget every rule; `seed` restarts the generator so a run replays exactly. */
  clear(seed?: number): this {
    this.rules = [];
    if (seed !== undefined) this.random = prng(seed);
    return this;
  }

  /** The fault for this call, if any (first matching rule wins); `operation`: the call's GraphQL operation name. */
  take(target: FaultTarget, operation?: string | null): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.target !== target) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (rule.mode === "next") {
        if (rule.remaining <= 0) continue;
        rule.remaining -= 1;
        this.served.push({ target, fault: rule.fault });
        return rule.fault;
      }
      if (this.random() < rule.ratio) {
        this.served.push({ target, fault: rule.fault });
        return rule.fault;
      }
    }
    this.rules = this.rules.filter((r) => r.mode !== "next" || r.remaining > 0);
    return undefined;
  }
}
