import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";

import { adminLocale, adminT } from "../i18n/i18n.server";
import { useT } from "../i18n/react";
import { env } from "../platform/env.server";
import { shops } from "../repositories/index.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shopper sign-in · Aftercare" }];

/**
 * How shoppers reach their orders (docs/decisions/021-signin.md): signed in with Shopify's
 * customer accounts, always; and, only where the merchant turns it on, as a guest who gives the
 * order's number and email and proves the email with a code Aftercare mails.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ title: adminT(adminLocale(request))("signin.metaTitle"), guestLookup: await shops.guestLookup(session.shop), canMail: Boolean(env.SMTP_URL) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const t = adminT(adminLocale(request));
  const form = await request.formData();
  const value = form.get("guestLookup");
  if (value !== "on" && value !== "off") return json({ ok: false, message: t("signin.choose") }, { status: 400 });
  await shops.setGuestLookup(session.shop, value === "on");
  return json({ ok: true, message: value === "on" ? t("signin.on") : t("signin.off") });
};

export default function SignIn() {
  const { guestLookup, canMail } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const [on, setOn] = useState(guestLookup);
  const t = useT();
  return (
    <Page title={t("signin.title")}>
      <Layout>
        <Layout.Section>
          <Card>
            <fetcher.Form method="post">
              <BlockStack gap="300">
                <Text as="p">{t("signin.intro")}</Text>
                {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
                {!canMail ? <Banner tone="warning">{t("signin.noRelay")}</Banner> : null}
                <input type="hidden" name="guestLookup" value={on ? "on" : "off"} />
                <Checkbox
                  label={t("signin.guests")}
                  helpText={t("signin.guestsHelp")}
                  checked={on}
                  onChange={setOn}
                />
                <div>
                  <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                    {t("signin.save")}
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
