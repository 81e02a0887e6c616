import { BlockStack, Button, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { policyText, policyTextPlain } from "../../../domain/policy/text";
import { checkPolicy } from "../../../domain/policy/validate";
import { useAdminLocale, useT } from "../../../i18n/react";
import type { Doc } from "./fields";

// The whole document: as JSON to import and export (the CLI's own format), and as the policy text shoppers read.

export function JsonTab({ doc, onApply }: { doc: Doc; onApply(doc: Doc): void }) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [error, setError] = useState<string | undefined>();
  const apply = (value: string) => {
    try {
      onApply(JSON.parse(value));
      setError(undefined);
    } catch (e) {
      setError(t("policyEditor.json.invalid", { error: (e as Error).message }));
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
        {t("policyEditor.json.intro")}
      </Text>
      <TextField label={t("policyEditor.json.label")} autoComplete="off" multiline={20} monospaced value={text} error={error} onChange={setText} />
      <InlineStack gap="200">
        <Button onClick={() => apply(text)}>{t("policyEditor.json.apply")}</Button>
        <Button onClick={() => setText(JSON.stringify(doc, null, 2))}>{t("policyEditor.json.reload")}</Button>
        <Button onClick={download}>{t("policyEditor.json.export")}</Button>
        <label>
          <Text as="span" variant="bodySm">
            {t("policyEditor.json.import")}{" "}
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

/** A language code ("fr", "pt-BR") by its name in the admin's language (Intl), or as written when Intl does not know it. */
function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The policy text as shoppers read it: the document's own words (a translation's when one is
 * chosen) and the facts the engine enforces, written in English by the domain for the default.
 * It is what shoppers read, not the admin's words, so it is marked with its language (`lang`)
 * for screen readers, whatever the admin's language.
 */
export function TextTab({ doc, currency, valid }: { doc: Doc; currency: string; valid: boolean }) {
  const t = useT();
  const { locale } = useAdminLocale();
  const languages = Object.keys(doc?.translations ?? {});
  const [language, setLanguage] = useState("");
  if (!valid) return <Text as="p">{t("policyEditor.text.fixFirst")}</Text>;
  const check = checkPolicy(doc);
  if (!check.policy) return null;
  const text = policyText(check.policy, { language: language || undefined, currency });
  return (
    <BlockStack gap="300">
      {languages.length > 0 && <Select label={t("policyEditor.text.language")} options={[{ label: t("policyEditor.text.default"), value: "" }, ...languages.map((l) => ({ label: languageName(locale, l), value: l }))]} value={language} onChange={setLanguage} />}
      <InlineStack gap="200">
        <Button onClick={() => navigator.clipboard?.writeText(policyTextPlain(text))}>{t("policyEditor.text.copy")}</Button>
      </InlineStack>
      <div lang={language || "en"}>
        <BlockStack gap="300">
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
      </div>
    </BlockStack>
  );
}
