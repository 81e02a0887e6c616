import { InlineGrid, Select } from "@shopify/polaris";

import { getAt, type Path } from "./paths";
import type { RuleCtx } from "./JourneyRules";

/* eslint-disable @typescript-eslint/no-explicit-any -- like the editor, this edits an arbitrary JSON document by path; the schema checks it */
type Doc = any;

/**
 * A service's money beyond its price, in the services catalogue (docs/decisions/023): what
 * happens once its free uses are spent (refused, or quoted as paid work).
 */
export function ServiceMoney({ ctx, path }: { ctx: RuleCtx; path: Path }) {
  const service = (getAt(ctx.doc, path) ?? {}) as Doc;
  return (
    <InlineGrid columns={{ xs: 1, md: 3 }} gap="200">
      {service.allowance?.limit ? (
        <Select
          label="Once the free uses are spent"
          options={[
            { label: "Refuse the service", value: "refused" },
            { label: "Quote it as paid work", value: "quoted" },
          ]}
          value={service.allowance.thereafter ?? "refused"}
          error={ctx.error([...path, "allowance", "thereafter"])}
          onChange={(v) => ctx.set([...path, "allowance", "thereafter"], v === "refused" ? undefined : v)}
        />
      ) : null}
    </InlineGrid>
  );
}
