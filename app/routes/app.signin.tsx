import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";

import { env } from "../platform/env.server";
import { shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Shopper sign-in · Aftercare" }];

/**
 * How shoppers reach their orders (docs/decisions/021-signin.md): signed in with Shopify's
 * customer accounts, always; and, only where the merchant turns it on, as a guest who gives the
 * order's number and email and proves the email with a code Aftercare mails.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ guestLookup: await shops.guestLookup(session.shop), canMail: Boolean(env.SMTP_URL) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const value = form.get("guestLookup");
  if (value !== "on" && value !== "off") return json({ ok: false, message: "Choose on or off." }, { status: 400 });
  await shops.setGuestLookup(session.shop, value === "on");
  return json({ ok: true, message: value === "on" ? "Guests can now find an order with a code sent by email." : "Guests now sign in to see their orders." });
};

export default function SignIn() {
  const { guestLookup, canMail } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const [on, setOn] = useState(guestLookup);
  return (
    <Page title="Shopper sign-in">
      <Layout>
        <Layout.Section>
          <Card>
            <fetcher.Form method="post">
              <BlockStack gap="300">
                <Text as="p">
                  Shoppers see their orders and requests after signing in to your store&apos;s customer accounts. Aftercare&apos;s links on your storefront send anyone who is not signed in
                  to sign in, and back to the same order.
                </Text>
                {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
                {!canMail ? <Banner tone="warning">No email relay is configured (SMTP_URL), so guests cannot receive their code: leave this off until email is set up.</Banner> : null}
                <input type="hidden" name="guestLookup" value={on ? "on" : "off"} />
                <Checkbox
                  label="Let guests find an order by its number and email"
                  helpText="For gift recipients and shoppers without an account. Aftercare emails a six-digit code to the order's address; it works once, for 10 minutes, and only then is the order shown."
                  checked={on}
                  onChange={setOn}
                />
                <div>
                  <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                    Save
                  </Button>
                </div>
              </BlockStack>
            </fetcher.Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
