/**
 * The relay's acceptance log, asked about a send whose outcome was lost (docs/decisions/016):
 * SMTP_ACCEPTANCE_LOG_URL answers `GET ?messageId=<id>` with `{"accepted": true|false}`. Any other
 * answer (down, not JSON, no field) is "cannot say" (null): the email is then held for a person,
 * never resent blind.
 */
export function acceptanceLogAt(url: string, timeoutMs = 10_000): (messageId: string) => Promise<boolean | null> {
  return async (messageId) => {
    try {
      const target = new URL(url);
      target.searchParams.set("messageId", messageId);
      const response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return null;
      const body = (await response.json()) as { accepted?: unknown };
      return typeof body.accepted === "boolean" ? body.accepted : null;
    } catch {
      return null;
    }
  };
}
