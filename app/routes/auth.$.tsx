import type { LoaderFunctionArgs } from "@remix-run/node";

import { authenticate } from "../shopify.server";

// OAuth callbacks and the embedded-auth bounce page land here; the library answers them.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};
