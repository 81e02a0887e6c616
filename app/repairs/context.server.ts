import { deskContext } from "../desk/context.server";
import { publishedPolicies } from "../policies/index.server";
import { operations, repairs } from "../repositories/index.server";
import { adminT } from "../i18n/i18n.server";
import { createBench } from "./bench.server";

/**
 * What every bench route starts with: the desk's context (the merchant authenticated, the shop,
 * the staff member from the session) and the bench's use cases bound to them and the live policy.
 */
export async function benchContext(request: Request) {
  const context = await deskContext(request);
  const { policy } = await publishedPolicies.get(context.shop.domain);
  return {
    ...context,
    policy,
    repairs,
    bench: createBench({ repairs, operations, admin: context.admin, staff: context.staff, timezone: context.shop.timezone, country: context.shop.country, locale: context.locale, t: adminT(context.locale), policy }),
  };
}
