import db from "../db.server";
import { queue } from "../jobs/process-queue.server";

/**
 * /readyz: the database answers and the queue can be read. Each check has its own short deadline,
 * so a stuck database makes the probe fail fast instead of hanging the load balancer's check.
 */
export async function readiness(timeoutMs = 2_000): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const within = <T>(work: Promise<T>) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
  const checks: Record<string, string> = {};
  const run = async (name: string, check: () => Promise<string>) => {
    try {
      checks[name] = await within(check());
    } catch (error) {
      checks[name] = `failing: ${(error as Error).message}`;
    }
  };
  await run("database", async () => {
    await db.$queryRawUnsafe("SELECT 1");
    return "ok";
  });
  await run("queue", async () => {
    const stats = await queue.stats(new Date());
    return `ok: ${stats.due} due, ${stats.waiting} waiting`;
  });
  return { ready: Object.values(checks).every((c) => c.startsWith("ok")), checks };
}
