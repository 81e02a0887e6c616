import { Badge, BlockStack, Card, InlineGrid, InlineStack, Link, List, Text } from "@shopify/polaris";

import { DeskPhotoThumbnail } from "../components/DeskPhoto";
import type { DeskParcel } from "./desk.server";

type Parcel = DeskParcel;

/** The parcel going back, on the desk's request page: what the shopper said and what the policy repays of its postage. */
export function ParcelCard({ parcel, requestId, onOpenProof }: { parcel: Parcel; requestId: string; onOpenProof: (key: string, label: string) => void }) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Parcel on its way back
          </Text>
          <Badge tone={parcel.inShopify ? "success" : "attention"}>{parcel.inShopify ? "On Shopify's return" : "Not on Shopify's return yet"}</Badge>
        </InlineStack>
        <InlineGrid columns={2} gap="200">
          <Text as="span" tone="subdued">Carrier</Text>
          <Text as="span">{parcel.carrier} ({parcel.method === "post" ? "by post" : "by courier"})</Text>
          <Text as="span" tone="subdued">Tracking</Text>
          <Text as="span">
            {parcel.trackingUrl ? (
              <Link url={parcel.trackingUrl} target="_blank">
                {parcel.trackingNumber}
              </Link>
            ) : (
              parcel.trackingNumber
            )}
          </Text>
          <Text as="span" tone="subdued">Postage paid</Text>
          <Text as="span">{parcel.paid}{parcel.enteredBy === "staff" ? " (recorded by staff)" : ""}</Text>
          <Text as="span" tone="subdued">Postage repaid with the refund</Text>
          <Text as="span" fontWeight="semibold">
            {parcel.repaid}
            {parcel.proofNeeded ? " (proof of postage still needed)" : ""}
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
            <DeskPhotoThumbnail requestId={requestId} photoKey={parcel.proofKey} label="Proof of postage" onOpen={() => onOpenProof(parcel.proofKey as string, "Proof of postage")} />
          </InlineStack>
        ) : (
          <Text as="p" tone="subdued">
            No proof of postage was added.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
