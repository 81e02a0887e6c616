import { BlockStack, Box, Card, Link, List, Text } from "@shopify/polaris";

import { kindLabel, resolutionLabel } from "../../desk/ui";
import { useAdminLocale, useT } from "../../i18n/react";
import type { DetailView, RequestView } from "./types";

/** The page's side column: the order in Shopify, the customer and what they asked for, their past requests. */
export function RequestSidebar({ request: r, history }: { request: RequestView; history: DetailView["history"] }) {
  const t = useT();
  const { language } = useAdminLocale();
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("request.sidebar.order")}
          </Text>
          <Text as="p">
            {/* App Bridge opens shopify:// links in Shopify admin, around the app. */}
            <Link url={`shopify://admin/orders/${r.orderId.split("/").pop()}`} target="_top">
              {t("request.sidebar.inShopify", { order: r.orderName })}
            </Link>
          </Text>
          {r.shopifyReturnUrl ? (
            <Text as="p">
              <Link url={r.shopifyReturnUrl} target="_top">
                {t("request.sidebar.returnInShopify", { id: r.shopifyReturnId?.split("/").pop() })}
              </Link>
            </Text>
          ) : null}
          <Text as="p" tone="subdued">
            {t("request.sidebar.paidIn", { currency: r.currency })}
            {r.shopifyReturnId ? "" : t("request.sidebar.noReturn")}
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("request.sidebar.customer")}
          </Text>
          <Text as="p">{r.customerName ?? t("request.sidebar.guest")}</Text>
          {r.customerEmail ? <Text as="p" tone="subdued">{r.customerEmail}</Text> : null}
          {r.preferredResolution ? (
            <Text as="p">
              {t("request.sidebar.askedFor", { resolution: resolutionLabel(r.preferredResolution, t).toLocaleLowerCase(language) })}
            </Text>
          ) : null}
          {r.customerNote ? (
            <Box paddingBlockStart="200">
              <Text as="p">{t("request.sidebar.words", { note: r.customerNote })}</Text>
            </Box>
          ) : null}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("request.sidebar.past")}
          </Text>
          {history.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("request.sidebar.none")}
            </Text>
          ) : (
            <List>
              {history.map((h) => (
                <List.Item key={h.id}>
                  <a href={`/app/requests/${h.id}`}>{h.reference}</a> · {h.orderName} · {kindLabel(h.kind, t)} · {h.status}
                </List.Item>
              ))}
            </List>
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
