import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";

import { callApp, formatMoney, type AftercareView } from "../../shared/app";

export default async () => {
  render(<MyAftercare />, document.body);
};

const t = (key: string, options?: Record<string, string | number>) => shopify.i18n.translate(key, options);

function MyAftercare() {
  const [view, setView] = useState<AftercareView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callApp<AftercareView>(shopify, "/api/customer/aftercare").then(setView, (e: unknown) => setError(e instanceof Error ? e.message : t("error")));
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
              {view.requests.map((request) => (
                <s-stack key={request.id} gap="small-200">
                  <s-heading>{t("requests.title", { reference: request.reference, order: request.orderName })}</s-heading>
                  <s-text>{t(`kind.${request.kind}`)}</s-text>
                  <s-badge>{t(`status.${request.status}`)}</s-badge>
                  <s-text color="subdued">{shopify.i18n.formatDate(new Date(request.createdAt), { dateStyle: "medium" })}</s-text>
                  {request.amount && <s-text>{formatMoney(shopify.i18n, request.amount)}</s-text>}
                </s-stack>
              ))}
            </s-stack>
          </s-section>
          <s-section heading={t("items.heading")}>
            {view.items.length === 0 && <s-paragraph>{t("items.none")}</s-paragraph>}
            <s-stack gap="base">
              {view.items.map((item) => (
                <s-stack key={`${item.orderName}-${item.title}`} gap="small-200">
                  <s-heading>{t("items.title", { title: item.title, order: item.orderName })}</s-heading>
                  <s-unordered-list>
                    {item.services.map((service) => (
                      <s-list-item key={service.name}>
                        {service.remaining === null ? t("items.unlimited", { service: service.name }) : t("items.remaining", { service: service.name, count: service.remaining })}
                      </s-list-item>
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
