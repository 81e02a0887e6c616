import { Banner, BlockStack, Box, Button, ButtonGroup, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useMemo, useState, useTransition } from "react";

import { checkPolicy, type FieldIssue, type PolicyWarning } from "../../domain/policy/validate";
import { useAdminLocale, useT } from "../../i18n/react";
import { JsonTab, TextTab } from "./editor/DocumentTabs";
import { pathKey, setAt } from "./paths";
import { GroupsTab, type Catalogue } from "./editor/GroupsTab";
import { RulesTab } from "./editor/RulesTab";
import { ServicesTab } from "./editor/ServicesTab";
import type { Ctx, Doc } from "./editor/fields";
import { issueText, warningText } from "./words";

export type { CatalogueItem } from "./editor/GroupsTab";

export type EditorProps = {
  initial: Doc;
  country: string;
  currency: string;
  cheapestItem?: { title: string; price: string; currency: string };
  catalogue: Catalogue;
  serverErrors?: FieldIssue[];
  saving: boolean;
  onSave(document: Doc): void;
};

/**
 * The policy editor: a structured form for the rules merchants change most, and the whole
 * document as JSON for everything else (the same document the CLI accepts). Every change is
 * checked at once with the domain's own check, errors shown on their field. Each tab is a module
 * of ./editor/ (RulesTab, GroupsTab, ServicesTab, DocumentTabs for JSON and text), built from the
 * fields in ./editor/fields.tsx.
 */
export function PolicyEditor(props: EditorProps) {
  const t = useT();
  const { locale } = useAdminLocale();
  const [doc, setDoc] = useState<Doc>(props.initial);
  // The pressed button answers a click at once; the tab below (the rules are a form of hundreds of
  // fields) renders in a transition, so the click's next paint does not wait for it (INP).
  const [tab, setTab] = useState(0);
  const [shown, setShown] = useState(0);
  const [, startTransition] = useTransition();
  const choose = (i: number) => {
    setTab(i);
    startTransition(() => setShown(i));
  };
  const check = useMemo(() => checkPolicy(doc, { country: props.country, cheapestItem: props.cheapestItem }), [doc, props.country, props.cheapestItem]);
  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of [...check.errors, ...(props.serverErrors ?? [])]) if (!map.has(e.path)) map.set(e.path, issueText(t, locale, e));
    return map;
  }, [check.errors, props.serverErrors, t, locale]);
  const ctx: Ctx = useMemo(() => ({ doc, set: (path, value) => setDoc((d: Doc) => setAt(d, path, value)), error: (path) => errors.get(pathKey(path)) }), [doc, errors]);
  const valid = check.errors.length === 0;
  // One element per state of what it shows: a click that only presses another button re-renders none of it.
  const body = useMemo(
    () => (
      <>
        {shown === 0 && <RulesTab ctx={ctx} />}
        {shown === 1 && <GroupsTab ctx={ctx} catalogue={props.catalogue} />}
        {shown === 2 && <ServicesTab ctx={ctx} />}
        {shown === 3 && <JsonTab doc={doc} onApply={setDoc} />}
        {shown === 4 && <TextTab doc={doc} currency={props.currency} valid={valid} />}
      </>
    ),
    [shown, ctx, doc, props.catalogue, props.currency, valid],
  );
  const tabs = ["rules", "groups", "services", "json", "text"].map((id) => ({ id, content: t(`policyEditor.tabs.${id}`) }));
  return (
    <BlockStack gap="400">
      <Card>
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t("policyEditor.draft.heading")}
            </Text>
            <Text as="p" tone="subdued">
              {check.errors.length ? t("policyEditor.draft.problems", { count: check.errors.length }) : t("policyEditor.draft.noProblems")}
              {check.warnings.length ? t("policyEditor.draft.warnings", { count: check.warnings.length }) : ""}
            </Text>
          </BlockStack>
          <Button variant="primary" onClick={() => props.onSave(doc)} disabled={check.errors.length > 0} loading={props.saving}>
            {t("policyEditor.draft.save")}
          </Button>
        </InlineStack>
      </Card>
      {check.errors.length + (props.serverErrors?.length ?? 0) > 0 && (
        <Banner tone="critical" title={t("policyEditor.draft.fix")}>
          <List>
            {[...errors].map(([path, message]) => (
              <List.Item key={path}>
                <code>{path || t("policyEditor.draft.document")}</code>: {message}
              </List.Item>
            ))}
          </List>
        </Banner>
      )}
      {check.warnings.length > 0 && <Warnings warnings={check.warnings} />}
      <Card>
        <BlockStack gap="400">
          {/* A segmented control rather than Polaris Tabs, whose hidden overflow item breaks the tablist's ARIA. */}
          <nav aria-label={t("policyEditor.draft.parts")}>
            <ButtonGroup variant="segmented">
              {tabs.map((t, i) => (
                <Button key={t.id} pressed={tab === i} onClick={() => choose(i)}>
                  {t.content}
                </Button>
              ))}
            </ButtonGroup>
          </nav>
          <Box>{body}</Box>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

function Warnings({ warnings }: { warnings: PolicyWarning[] }) {
  const t = useT();
  const { locale } = useAdminLocale();
  const kinds: PolicyWarning["kind"][] = ["contradiction", "wording", "law", "unused"];
  return (
    <BlockStack gap="200">
      {kinds.map((kind) => {
        const title = t(`policyEditor.warningGroups.${kind}`);
        const list = warnings.filter((w) => w.kind === kind);
        if (!list.length) return null;
        return (
          <Banner key={kind} tone={kind === "unused" ? "info" : "warning"} title={title}>
            <List>
              {list.map((w, i) => (
                <List.Item key={`${w.path}-${i}`}>{warningText(t, locale, w)}</List.Item>
              ))}
            </List>
          </Banner>
        );
      })}
    </BlockStack>
  );
}
