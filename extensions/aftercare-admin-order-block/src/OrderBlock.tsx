import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callAdminApp, entitlementLabel, selectedOrder, type AdminOrderAnswer } from "../../shared/admin";

export default async () => {
  render(<OrderBlock />, document.body);
};

const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);

/**
 * The order's after-sales state on its page in Shopify admin: the desk's open requests (each a
 * link into the desk), how many are behind it, and per item what it may still get. Every answer
 * comes from the app; the block decides nothing.
 */
function OrderBlock() {
  const id = selectedOrder(shopify.data);
  const [answer, setAnswer] = useState<AdminOrderAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callAdminApp<AdminOrderAnswer>(`/api/admin/orders/${id}`).then(setAnswer, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [id]);

  if (error) {
    return (
      <s-admin-block heading={t("heading")}>
        <s-banner tone="critical">{t("error", { message: error })}</s-banner>
      </s-admin-block>
    );
  }
  if (!answer) {
    return (
      <s-admin-block heading={t("heading")}>
        <s-spinner accessibilityLabel={t("loading")} />
      </s-admin-block>
    );
  }
  const open = answer.requests.filter((r) => r.open);
  const past = answer.requests.length - open.length;
  const date = (day: string) => shopify.i18n.formatDate(new Date(`${day}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <s-admin-block heading={t("heading")} collapsedSummary={t("summary", { count: open.length })}>
      <s-stack gap="base">
        <s-heading>{t("open")}</s-heading>
        {open.length === 0 ? (
          <s-paragraph>{t("none")}</s-paragraph>
        ) : (
          <s-unordered-list>
            {open.map((r) => (
              <s-list-item key={r.id}>
                <s-link href={`app:app/requests/${r.id}`}>{t("request", { number: r.number ?? "—" })}</s-link> · {r.service ? t(`service.${r.service}`) : t(`option.${r.kind}`)} · {r.items.join(", ")}{" "}
                <s-badge>{t(`status.${r.status}`)}</s-badge>
              </s-list-item>
            ))}
          </s-unordered-list>
        )}
        {past > 0 ? <s-text color="subdued">{t("past", { count: past })}</s-text> : null}
        <s-heading>{t("items")}</s-heading>
        <s-unordered-list>
          {answer.view.lines.map((line) => {
            const left = line.entitlements.filter((e) => e.eligible);
            return (
              <s-list-item key={line.lineId}>
                <s-text type="strong">{line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title}</s-text>
                {": "}
                {left.length === 0
                  ? t("nothing")
                  : left
                      .map((e) => `${entitlementLabel(shopify.i18n, e)} (${e.until ? t("until", { date: date(e.until) }) : t("noLimit")}${e.charge ? `, ${t(e.charge)}` : ""})`)
                      .join(" · ")}
              </s-list-item>
            );
          })}
        </s-unordered-list>
      </s-stack>
    </s-admin-block>
  );
}
