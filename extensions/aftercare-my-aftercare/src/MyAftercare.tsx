import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, formatDay, formatMoney, isolate, type AftercareAnswer, type ServiceLeft } from "../../shared/app";

export default async () => {
  render(<MyAftercare />, document.body);
};

const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);
/** Dates as the customer's country writes them ("6 December 2026" in Britain), not the language's default. */
const day = (iso: string) => formatDay(shopify.localization, iso);

/** A service by the merchant's name and price, with its turnaround and what is left of it. */
function serviceLine(service: ServiceLeft): string {
  const price =
    service.price?.kind === "fixed" ? formatMoney(shopify.i18n, service.price.amount, shopify.localization) : service.price?.kind === "quote" ? t("items.quoted") : service.price?.kind === "free" || service.charge === "free" ? t("items.free") : t("items.paid");
  return [
    service.name ? isolate(shopify.localization, service.name) : t(`service.${service.service}`),
    price,
    service.turnaround ? t("items.turnaround", { text: isolate(shopify.localization, service.turnaround) }) : null,
    typeof service.allowanceLeft === "number" ? t("items.left", { count: service.allowanceLeft }) : null,
    service.until ? t("items.until", { date: day(service.until) }) : t("items.forLife"),
    service.notes.length > 0 ? isolate(shopify.localization, service.notes.join(" ")) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
}

/** "My aftercare": every request of the signed-in customer, and what their items may still get. */
function MyAftercare() {
  const [view, setView] = useState<AftercareAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callApp<AftercareAnswer>(shopify, "/api/customer/aftercare").then(setView, (e: unknown) => setError(e instanceof Error ? e.message : t("error")));
  }, []);
  return (
    <s-page heading={t("heading")}>
      {error && <s-banner tone="critical" heading={t("error")}>{error}</s-banner>}
      {!view && !error && <s-spinner accessibilityLabel={t("loading")} />}
      {view && (
        <s-stack gap="large">
          <s-section heading={t("requests.heading")}>
            {view.requests.length === 0 && <s-paragraph>{t("requests.none")}</s-paragraph>}
            <s-stack gap="base">
              {view.requests.map((request) => {
                const paid = request.steps.find((step) => step.amount);
                return (
                  <s-stack key={request.requestId} gap="small-200">
                    <s-heading>{t("requests.title", { number: request.number ?? "—", order: request.orderName })}</s-heading>
                    <s-text>
                      {request.service ? t(`service.${request.service}`) : t(`kind.${request.kind}`)} · {request.lines.map((line) => isolate(shopify.localization, line.title)).join(", ")}
                    </s-text>
                    <s-badge>{t(`status.${request.status}`)}</s-badge>
                    <s-text color="subdued">{t("requests.sent", { date: day(request.createdAt) })}</s-text>
                    {paid?.amount && <s-text>{formatMoney(shopify.i18n, paid.amount, shopify.localization)}</s-text>}
                  </s-stack>
                );
              })}
            </s-stack>
          </s-section>
          <s-section heading={t("items.heading")}>
            {view.items.length === 0 && <s-paragraph>{t("items.none")}</s-paragraph>}
            <s-stack gap="base">
              {view.items.map((item) => (
                <s-stack key={`${item.orderName}-${item.title}`} gap="small-200">
                  <s-heading>{t("items.title", { title: isolate(shopify.localization, item.title), order: item.orderName })}</s-heading>
                  <s-unordered-list>
                    {item.services.map((service) => (
                      <s-list-item key={service.service}>{serviceLine(service)}</s-list-item>
                    ))}
                  </s-unordered-list>
                </s-stack>
              ))}
            </s-stack>
          </s-section>
        </s-stack>
      )}
    </s-page>
  );
}
