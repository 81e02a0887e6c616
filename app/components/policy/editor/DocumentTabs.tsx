import { BlockStack, Button, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { policyText, policyTextPlain } from "../../../domain/policy/text";
import { checkPolicy } from "../../../domain/policy/validate";
import type { Doc } from "./fields";

// The whole document: as JSON to import and export (the CLI's own format), and as the policy text shoppers read.

export function JsonTab({ doc, onApply }: { doc: Doc; onApply(doc: Doc): void }) {
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [error, setError] = useState<string | undefined>();
  const apply = (value: string) => {
    try {
      onApply(JSON.parse(value));
      setError(undefined);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "aftercare-policy.json";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        The whole policy, as the command line accepts it (a scenario&apos;s &quot;policy&quot;). Every rule the model can say, including translations (&quot;translations&quot;: language → rule → words), can be edited here.
      </Text>
      <TextField label="Policy document (JSON)" autoComplete="off" multiline={20} monospaced value={text} error={error} onChange={setText} />
      <InlineStack gap="200">
        <Button onClick={() => apply(text)}>Apply JSON</Button>
        <Button onClick={() => setText(JSON.stringify(doc, null, 2))}>Reload from form</Button>
        <Button onClick={download}>Export JSON</Button>
        <label>
          <Text as="span" variant="bodySm">
            Import JSON file{" "}
          </Text>
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const content = await file.text();
              setText(content);
              apply(content);
            }}
          />
        </label>
      </InlineStack>
    </BlockStack>
  );
}

export function TextTab({ doc, currency, valid }: { doc: Doc; currency: string; valid: boolean }) {
  const languages = Object.keys(doc?.translations ?? {});
  const [language, setLanguage] = useState("");
  if (!valid) return <Text as="p">Fix the problems above to see the policy text.</Text>;
  const check = checkPolicy(doc);
  if (!check.policy) return null;
  const text = policyText(check.policy, { language: language || undefined, currency });
  return (
    <BlockStack gap="300">
      {languages.length > 0 && <Select label="Language" options={[{ label: "Default", value: "" }, ...languages.map((l) => ({ label: l, value: l }))]} value={language} onChange={setLanguage} />}
      <InlineStack gap="200">
        <Button onClick={() => navigator.clipboard?.writeText(policyTextPlain(text))}>Copy text</Button>
      </InlineStack>
      <Text as="h3" variant="headingMd">
        {text.title}
      </Text>
      {text.sections.map((s) => (
        <BlockStack key={s.heading} gap="100">
          <Text as="h4" variant="headingSm">
            {s.heading}
          </Text>
          {s.paragraphs.map((p, i) => (
            <Text as="p" key={i}>
              {p}
            </Text>
          ))}
        </BlockStack>
      ))}
    </BlockStack>
  );
}
