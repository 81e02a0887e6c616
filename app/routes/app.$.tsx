import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";

import { NotFoundPage } from "../desk/ui";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Page not found · Aftercare" }];

/** Any other address inside the app: a styled not-found page, answered with 404. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return json({}, { status: 404 });
};

export default function NotFound() {
  return <NotFoundPage />;
}

