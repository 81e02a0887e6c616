import { json, redirect, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, BlockStack, Button, Card, InlineStack, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { useState } from "react";

import { login } from "../../shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  // Shopify opens the app with ?shop=…; send it straight to the embedded app.
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return json({ showForm: Boolean(login) });
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  const [shop, setShop] = useState("");
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <BlockStack gap="400">
          <Text as="h1" variant="headingXl">
            Aftercare
          </Text>
          <Text as="p" variant="bodyLg">
            Returns, exchanges, warranty claims, repairs and care services for jewellers, decided
            by your own written policy.
          </Text>
          {showForm && (
            <Card>
              <Form method="post" action="/auth/login">
                <InlineStack gap="200" blockAlign="end">
                  <TextField
                    label="Shop domain"
                    name="shop"
                    value={shop}
                    onChange={setShop}
                    autoComplete="on"
                    helpText="example.myshopify.com"
                  />
                  <Button submit variant="primary">
                    Log in
                  </Button>
                </InlineStack>
              </Form>
            </Card>
          )}
        </BlockStack>
      </Page>
    </PolarisAppProvider>
  );
}
