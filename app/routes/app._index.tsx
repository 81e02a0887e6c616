import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";

import { shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = (await shops.find(session.shop)) ?? (await shops.recordInstall(session.shop));
  return json({
    shop: {
      domain: shop.domain,
      name: shop.name,
      currency: shop.currency,
      timezone: shop.timezone,
      country: shop.country,
      policyPreset: shop.policyPreset,
    },
  });
};

export default function Home() {
  const { shop } = useLoaderData<typeof loader>();
  return (
    <Page title="Aftercare">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {shop.name ?? shop.domain}
              </Text>
              <Text as="p">
                Aftercare decides returns, exchanges, warranty claims, repairs and care services by
                your written policy, in your shop&apos;s currency and time zone.
              </Text>
              <InlineGrid columns={3} gap="300">
                <Fact label="Currency" value={shop.currency} />
                <Fact label="Time zone" value={shop.timezone} />
                <Fact label="Country" value={shop.country} />
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                After-sales policy
              </Text>
              <Text as="p" tone={shop.policyPreset ? undefined : "subdued"}>
                {shop.policyPreset
                  ? `Based on the ${shop.policyPreset} preset.`
                  : "No policy chosen yet: start from one of the presets."}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingSm">
        {value}
      </Text>
    </BlockStack>
  );
}
