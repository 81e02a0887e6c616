import { useEffect, useState } from "preact/hooks";

import { callApp, errorText, type CounterReturn, type T } from "./counter";
import { ReturnCard } from "./ReturnCard";

/**
 * The shopper's open returns and warranty claims the app lists at `path` (an order's, a
 * customer's), each with the desk's steps (ReturnCard); nothing when there are none.
 */
export function OpenReturns({ path, heading, t }: { path: string; heading: string; t: T }) {
  const [requests, setRequests] = useState<CounterReturn[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callApp<{ requests: CounterReturn[] }>(path).then(
      (a) => setRequests(a.requests),
      (e: unknown) => setError(errorText(e)),
    );
  }, [path]);
  if (error) return <s-banner heading={t("error", { message: error })} tone="critical" />;
  if (!requests || requests.length === 0) return null;
  return (
    <s-stack gap="base">
      <s-heading>{heading}</s-heading>
      {requests.map((r) => (
        <ReturnCard key={r.id} initial={r} t={t} />
      ))}
    </s-stack>
  );
}
