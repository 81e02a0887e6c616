import { BlockStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A labelled value of the ticket's record. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued" variant="bodySm">
        {label}
      </Text>
      <div>{children}</div>
    </BlockStack>
  );
}
