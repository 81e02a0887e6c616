import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";

import { groupsOf } from "../../../domain/engine/match";
import type { OrderLine } from "../../../domain/scenario";
import { useAdminLocale, useT } from "../../../i18n/react";
import { listOf } from "../words";
import { removeAt, splitList } from "../paths";
import { Field, ListField, uniqueId, type Ctx, type Doc } from "./fields";

/** A product of the shop's catalogue as the engine reads an order line, to count what each group matches. */
export type CatalogueItem = { id: string; title: string; line: OrderLine };

/** The shop's catalogue, when Shopify answered; `complete` says whether those were all its products (counts show a "+" otherwise). */
export type Catalogue = { items: CatalogueItem[]; complete: boolean } | null;

// The "Item groups" tab: the items a rule is about, with how many products each matches.

export function GroupsTab({ ctx, catalogue }: { ctx: Ctx; catalogue: Catalogue }) {
  const t = useT();
  const { locale } = useAdminLocale();
  const groups: Doc[] = ctx.doc?.groups ?? [];
  return (
    <BlockStack gap="400">
      <Text as="p" tone="subdued">
        {t("policyEditor.groups.intro")}
      </Text>
      {groups.map((group, i) => {
        const matches = catalogue ? catalogue.items.filter((item) => groupsOf([group], item.line).has(group.id)) : null;
        return (
          <Box key={i} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {group.label || t("policyEditor.groups.newGroup")} <Text as="span" tone="subdued">({group.id})</Text>
                </Text>
                {group.match?.properties ? (
                  <Badge>{t("policyEditor.groups.onOrders")}</Badge>
                ) : matches ? (
                  <Badge tone={matches.length ? "info" : "attention"}>{t("policyEditor.groups.matches", { count: matches.length, plus: catalogue?.complete ? "" : "+" })}</Badge>
                ) : (
                  <Badge>{t("policyEditor.groups.unavailable")}</Badge>
                )}
              </InlineStack>
              {matches && matches.length > 0 && (
                <Text as="p" tone="subdued">
                  {t("policyEditor.groups.example", { list: listOf(locale, matches.slice(0, 4).map((m) => m.title)) })}
                </Text>
              )}
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="200">
                <Field ctx={ctx} path={["groups", i, "id"]} label={t("policyEditor.groups.id")} />
                <Field ctx={ctx} path={["groups", i, "label"]} label={t("policyEditor.groups.name")} />
                <ListField ctx={ctx} path={["groups", i, "match", "productTypes"]} label={t("policyEditor.groups.productTypes")} />
                <ListField ctx={ctx} path={["groups", i, "match", "tags"]} label={t("policyEditor.groups.tags")} />
                <ListField ctx={ctx} path={["groups", i, "match", "collections"]} label={t("policyEditor.groups.collections")} />
                <ListField ctx={ctx} path={["groups", i, "match", "properties"]} label={t("policyEditor.groups.properties")} />
                <Select
                  label={t("policyEditor.groups.sale")}
                  options={[
                    { label: t("policyEditor.groups.any"), value: "any" },
                    { label: t("policyEditor.groups.onSale"), value: "true" },
                    { label: t("policyEditor.groups.notOnSale"), value: "false" },
                  ]}
                  value={group.match?.onSale === undefined ? "any" : String(group.match.onSale)}
                  onChange={(v) => ctx.set(["groups", i, "match", "onSale"], v === "any" ? undefined : v === "true")}
                />
                <TextField
                  label={t("policyEditor.groups.metafields")}
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
                  {t("policyEditor.groups.remove")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        );
      })}
      <InlineStack>
        <Button onClick={() => ctx.set(["groups"], [...groups, { id: uniqueId("group", groups.map((g) => g.id)), label: "New group", match: {} }])}>{t("policyEditor.groups.add")}</Button>
      </InlineStack>
    </BlockStack>
  );
}
