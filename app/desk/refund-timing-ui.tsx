import { BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";

import { useT } from "../i18n/react";
import type { DeskRefundMoment } from "./refund-timing.server";

type Moment = Omit<DeskRefundMoment, "answer"> & { answer: { reached: boolean; on?: string; waitingFor?: string } };

/**
 * When the money goes, on the request's page (docs/decisions/025): the policy's words, whether the
 * moment has come and on what, and — where the policy refunds on evidence of sending — the
 * evidence staff accept (the carrier's tracking read as moving, the shopper's proof of postage),
 * then the refund before the parcel arrives.
 */
export function RefundTimingCard({ moment, hasParcel, busy, post, onRefund }: { moment: Moment; hasParcel: boolean; busy: boolean; post: (fields: Record<string, string>) => void; onRefund: () => void }) {
  const t = useT();
  const [tracking, setTracking] = useState("in_transit");
  const { answer } = moment;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("refundTiming.desk.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("refundTiming.desk.policySays", { text: moment.text })}
        </Text>
        <div data-refund-moment={answer.reached ? "reached" : "waiting"}>
          <Text as="p" tone={answer.reached ? "success" : "caution"} fontWeight="semibold">
            {answer.reached ? t(`refundTiming.desk.reached.${answer.on}`) : t(`refundTiming.desk.waiting.${answer.waitingFor}`)}
          </Text>
        </div>
        {moment.when === "evidence_of_sending" && !answer.reached && !hasParcel ? <Text as="p">{t("refundTiming.desk.noParcel")}</Text> : null}
        {moment.canAcceptTracking ? (
          <InlineStack gap="200" blockAlign="end">
            <Select
              label={t("refundTiming.desk.trackingLabel")}
              options={[
                { label: t("refundTiming.desk.inTransit"), value: "in_transit" },
                { label: t("refundTiming.desk.delivered"), value: "delivered" },
              ]}
              value={tracking}
              onChange={setTracking}
            />
            <Button onClick={() => post({ intent: "accept_evidence", evidence: "tracking", tracking })} disabled={busy}>
              {t("refundTiming.desk.acceptTracking")}
            </Button>
          </InlineStack>
        ) : null}
        {moment.canAcceptProof ? (
          <InlineStack>
            <Button onClick={() => post({ intent: "accept_evidence", evidence: "proof" })} disabled={busy}>
              {t("refundTiming.desk.acceptProof")}
            </Button>
          </InlineStack>
        ) : null}
        {moment.refundBeforeReceipt ? (
          <InlineStack>
            <Button variant="primary" onClick={onRefund} disabled={busy}>
              {t("refundTiming.desk.refundNow")}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
