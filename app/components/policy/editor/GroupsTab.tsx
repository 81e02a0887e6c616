import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";

import { groupsOf } from "../../../domain/engine/match";
import type { OrderLine } from "../../../domain/scenario";
import { removeAt, splitList } from "../paths";
import { Field, ListField, uniqueId, type Ctx, type Doc } from "./fields";

/** A product of the shop's catalogue as the engine reads an order line, to count what each group matches. */
export type CatalogueItem = { id: string; title: string; line: OrderLine };

/** The shop's catalogue, when Shopify answered; `complete` says whether those were all its products (counts show a "+" otherwise). */
export type Catalogue = { items: CatalogueItem[]; complete: boolean } | null;

// The "Item groups" tab: the items a rule is about, with how many products each matches.

export function GroupsTab({ ctx, catalogue }: { ctx: Ctx; catalogue: Catalogue }) {
  const groups: Doc[] = ctx.doc?.groups ?? [];
  return (
    <BlockStack gap="400">
      <Text as="p" tone="subdued">
        A group is the items a rule is about. Every criterion you fill in must hold; a list matches any of its values. Line item properties (engraving and the like) are only known on orders, so they are not counted below.
      </Text>
      {groups.map((group, i) => {
        const matches = catalogue ? catalogue.items.filter((item) => groupsOf([group], item.line).has(group.id)) : null;
        return (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {group.label || "New group"} <Text as="span" tone="subdued">({group.id})</Text>
                </Text>
                {group.match?.properties ? (
                  <Badge>Known only on orders (line item properties)</Badge>
                ) : matches ? (
                  <Badge tone={matches.length ? "info" : "attention"}>{`${matches.length}${catalogue?.complete ? "" : "+"} product${matches.length === 1 ? "" : "s"} match`}</Badge>
                ) : (
                  <Badge>Catalogue unavailable</Badge>
                )}
              </InlineStack>
              {matches && matches.length > 0 && (
                <Text as="p" tone="subdued">
                  For example: {matches.slice(0, 4).map((m) => m.title).join(", ")}
                </Text>
              )}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <Field ctx={ctx} path={["groups", i, "id"]} label="Id (used by rules)" />
                <Field ctx={ctx} path={["groups", i, "label"]} label="Name" />
                <ListField ctx={ctx} path={["groups", i, "match", "productTypes"]} label="Product types" />
                <ListField ctx={ctx} path={["groups", i, "match", "tags"]} label="Tags" />
                <ListField ctx={ctx} path={["groups", i, "match", "collections"]} label="Collections" />
                <ListField ctx={ctx} path={["groups", i, "match", "properties"]} label="Line item properties" />
                <Select
                  label="Sale status"
                  options={[{ label: "Any", value: "any" }, { label: "On sale", value: "true" }, { label: "Not on sale", value: "false" }]}
                  value={group.match?.onSale === undefined ? "any" : String(group.match.onSale)}
                  onChange={(v) => ctx.set(["groups", i, "match", "onSale"], v === "any" ? undefined : v === "true")}
                />
                <TextField
                  label="Metafields (key=present|true|false)"
                  autoComplete="off"
                  value={(group.match?.metafields ?? []).map((m: Doc) => `${m.key}=${m.is}`).join(", ")}
                  error={ctx.error(["groups", i, "match", "metafields"])}
                  onChange={(v) => ctx.set(["groups", i, "match", "metafields"], splitList(v)?.map((pair) => ({ key: pair.split("=")[0].trim(), is: (pair.split("=")[1] ?? "present").trim() })))}
                />
              </InlineGrid>
              {ctx.error(["groups", i, "match"]) && (
                <Text as="p" tone="critical">
                  {ctx.error(["groups", i, "match"])}
                </Text>
              )}
              <InlineStack>
                <Button variant="plain" tone="critical" onClick={() => ctx.set([], removeAt(ctx.doc, ["groups", i]))}>
                  Remove group
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        );
      })}
      <InlineStack>
        <Button onClick={() => ctx.set(["groups"], [...groups, { id: uniqueId("group", groups.map((g) => g.id)), label: "New group", match: {} }])}>Add a group</Button>
      </InlineStack>
    </BlockStack>
  );
}
