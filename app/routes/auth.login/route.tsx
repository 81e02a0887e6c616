import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { useState } from "react";

import { BodyRefused, FORM_LIMIT_BYTES, readForm } from "../../platform/body.server";
import { refusalFor } from "../../platform/refusals";
import { login } from "../../shopify.server";
import { loginErrorMessage } from "./error.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const errors = loginErrorMessage(await login(request));
  return json({ errors });
};

/**
 * The shop domain typed in, read here with the form cap (the library would read any body of any
 * type whole) and handed to the library as the only field of a plain form.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  let shop: FormDataEntryValue | null;
  try {
    shop = new URL(request.url).searchParams.get("shop") ?? (await readForm(request, FORM_LIMIT_BYTES)).get("shop");
  } catch (error) {
    if (!(error instanceof BodyRefused)) throw error;
    return json({ errors: { shop: refusalFor(request, error.key) } }, { status: error.status });
  }
  const form = new URLSearchParams(typeof shop === "string" ? { shop } : {});
  const forwarded = new Request(request.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form });
  const errors = loginErrorMessage(await login(forwarded));
  return json({ errors }, { status: errors.shop ? 400 : 200 });
};

export default function Auth() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const { errors } = actionData ?? loaderData;

  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h2">
                Log in to Aftercare
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={errors.shop}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
