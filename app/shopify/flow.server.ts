import { assertNoUserErrors, send, type Admin } from "./client.server";

/**
 * Starts the shop's workflows that begin with one of Aftercare's Flow triggers (issue 27). The
 * payload's keys are the trigger extension's field keys (extensions/<handle>/shopify.extension.toml).
 * Flow refuses with `userErrors` (an unknown handle, a payload that does not fit): thrown as
 * ShopifyUserErrors. The mutation has no `@idempotent` key, so after an ambiguous failure it is
 * never resent (ShopifyOutcomeUnknownError): a workflow may already have run.
 * https://shopify.dev/docs/apps/build/flow/triggers/reference
 */
export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
` as const;

/** Flow's limit on a trigger's payload (its JSON), from the trigger reference. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export async function sendFlowTrigger(admin: Admin, handle: string, payload: Record<string, unknown>): Promise<void> {
  const data = await send(admin, FLOW_TRIGGER_RECEIVE, { handle, payload });
  assertNoUserErrors("flowTriggerReceive", data.flowTriggerReceive);
}
