import { Badge, BlockStack, Card, InlineGrid, InlineStack, Link, List, Text } from "@shopify/polaris";

import { DeskPhotoThumbnail } from "../components/DeskPhoto";
import { useT } from "../i18n/react";
import type { DeskParcel } from "./desk.server";

type Parcel = DeskParcel;

/** The parcel going back, on the desk's request page: what the shopper said and what the policy repays of its postage. */
export function ParcelCard({ parcel, requestId, onOpenProof }: { parcel: Parcel; requestId: string; onOpenProof: (key: string, label: string) => void }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("request.parcel.heading")}
          </Text>
          <Badge tone={parcel.inShopify ? "success" : "attention"}>{parcel.inShopify ? t("request.parcel.inShopify") : t("request.parcel.notInShopify")}</Badge>
        </InlineStack>
        <InlineGrid columns={2} gap="200">
          <Text as="span" tone="subdued">{t("request.parcel.carrier")}</Text>
          <Text as="span">{t("request.parcel.carrierBy", { carrier: parcel.carrier, method: parcel.method === "post" ? t("request.parcel.post") : t("request.parcel.courier") })}</Text>
          <Text as="span" tone="subdued">{t("request.parcel.tracking")}</Text>
          <Text as="span">
            {parcel.trackingUrl ? (
              <Link url={parcel.trackingUrl} target="_blank">
                {parcel.trackingNumber}
              </Link>
            ) : (
              parcel.trackingNumber
            )}
          </Text>
          <Text as="span" tone="subdued">{t("request.parcel.paid")}</Text>
          <Text as="span">{parcel.paid}{parcel.enteredBy === "staff" ? t("request.parcel.byStaff") : ""}</Text>
          <Text as="span" tone="subdued">{t("request.parcel.repaid")}</Text>
          <Text as="span" fontWeight="semibold">
            {parcel.repaid}
            {parcel.proofNeeded ? t("request.parcel.proofNeeded") : ""}
          </Text>
        </InlineGrid>
        {parcel.explanation.length ? (
          <List type="bullet">
            {parcel.explanation.map((e, i) => (
              <List.Item key={i}>
                <Text as="span" tone={e.outcome === "blocked" ? "critical" : undefined}>
                  {e.text}
                  {e.detail ? ` (${e.detail})` : ""}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        {parcel.proofKey ? (
          <InlineStack gap="200" blockAlign="center">
            <DeskPhotoThumbnail requestId={requestId} photoKey={parcel.proofKey} label={t("request.parcel.proof")} onOpen={() => onOpenProof(parcel.proofKey as string, t("request.parcel.proof"))} />
          </InlineStack>
        ) : (
          <Text as="p" tone="subdued">
            {t("request.parcel.noProof")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
