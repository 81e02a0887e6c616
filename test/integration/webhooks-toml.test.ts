import { existsSync, readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { WEBHOOK_TOPICS } from "../../app/jobs/webhooks.server";

/** The [[webhooks.subscriptions]] blocks of shopify.app.toml, with the comment above each. */
function subscriptions() {
  const toml = readFileSync("shopify.app.toml", "utf8");
  return [...toml.matchAll(/# Handled by: (\S+)\s*\n\s*\[\[webhooks\.subscriptions\]\]\s*\n\s*(topics|compliance_topics) = \[ "([^"]+)" \]\s*\n\s*uri = "([^"]+)"/g)].map(([, handler, key, topic, uri]) => ({
    handler,
    compliance: key === "compliance_topics",
    topic,
    uri,
  }));
}

describe("shopify.app.toml webhook subscriptions", () => {
  const declared = subscriptions();

  it("GIVEN each subscription WHEN its handler comment is followed THEN the route file exists and serves the subscription's uri", () => {
    expect(declared.length).toBeGreaterThanOrEqual(14);
    for (const { handler, uri, topic } of declared) {
      expect(existsSync(handler.replace(/^\//, "")), handler).toBe(true);
      expect(handler).toBe(`/app/routes/webhooks.${topic.replace("/", ".")}.tsx`);
      expect(uri).toBe(`/webhooks/${topic}`);
    }
  });

  it("GIVEN the topics Aftercare's jobs handle WHEN compared with the subscriptions THEN each is subscribed, the privacy ones as compliance topics", () => {
    const byTopic = new Map(declared.map((s) => [s.topic, s]));
    for (const topic of [...Object.keys(WEBHOOK_TOPICS), "app/uninstalled", "shop/redact"]) {
      expect(byTopic.get(topic), topic).toBeDefined();
      expect(byTopic.get(topic)?.compliance, topic).toBe(["customers/redact", "customers/data_request", "shop/redact"].includes(topic));
    }
  });
});
