import { BlockStack, Box, Card, Link, List, Text } from "@shopify/polaris";

import { RESOLUTION_LABELS, type Resolution } from "../../desk/machine";
import { kindLabel } from "../../desk/ui";
import type { DetailView, RequestView } from "./types";

/** The page's side column: the order in Shopify, the customer and what they asked for, their past requests. */
export function RequestSidebar({ request: r, history }: { request: RequestView; history: DetailView["history"] }) {
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Order
          </Text>
          <Text as="p">
            {/* App Bridge opens shopify:// links in Shopify admin, around the app. */}
            <Link url={`shopify://admin/orders/${r.orderId.split("/").pop()}`} target="_top">
              {r.orderName} in Shopify
            </Link>
          </Text>
          {r.shopifyReturnUrl ? (
            <Text as="p">
              <Link url={r.shopifyReturnUrl} target="_top">
                {`The return in Shopify (${r.shopifyReturnId?.split("/").pop()})`}
              </Link>
            </Text>
          ) : null}
          <Text as="p" tone="subdued">
            Paid in {r.currency}
            {r.shopifyReturnId ? "" : " · no Shopify return"}
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Customer
          </Text>
          <Text as="p">{r.customerName ?? "Guest"}</Text>
          {r.customerEmail ? <Text as="p" tone="subdued">{r.customerEmail}</Text> : null}
          {r.preferredResolution ? (
            <Text as="p">
              Asked for: {RESOLUTION_LABELS[r.preferredResolution as Resolution]?.toLowerCase() ?? r.preferredResolution.replace(/_/g, " ")}
            </Text>
          ) : null}
          {r.customerNote ? (
            <Box paddingBlockStart="200">
              <Text as="p">Their words: &ldquo;{r.customerNote}&rdquo;</Text>
            </Box>
          ) : null}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Past requests
          </Text>
          {history.length === 0 ? (
            <Text as="p" tone="subdued">
              None before this one.
            </Text>
          ) : (
            <List>
              {history.map((h) => (
                <List.Item key={h.id}>
                  <a href={`/app/requests/${h.id}`}>{h.reference}</a> · {h.orderName} · {kindLabel(h.kind)} · {h.status}
                </List.Item>
              ))}
            </List>
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
