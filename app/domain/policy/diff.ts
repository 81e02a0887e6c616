/** One difference between two policy documents, at a dotted path ("returns.changeOfMind.windows.1.window.amount"). */
export type PolicyChange = { path: string; before: unknown; after: unknown };

/**
 * What changed between two documents, leaf by leaf. Arrays of rules are compared by their `id`
 * (or `service`) where they have one, so reordering or inserting a rule shows as that rule, not
 * as every later rule changing.
 */
export function diffPolicies(before: unknown, after: unknown, path = ""): PolicyChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (v: unknown) => (v && typeof v === "object" ? ((v as { id?: string; service?: string }).id ?? (v as { service?: string }).service) : undefined);
    if ([...before, ...after].every((v) => key(v) !== undefined)) {
      const a = new Map(before.map((v) => [key(v) as string, v]));
      const b = new Map(after.map((v) => [key(v) as string, v]));
      const changes: PolicyChange[] = [];
      for (const [k, v] of a) changes.push(...(b.has(k) ? diffPolicies(v, b.get(k), join(path, k)) : [{ path: join(path, k), before: v, after: undefined }]));
      for (const [k, v] of b) if (!a.has(k)) changes.push({ path: join(path, k), before: undefined, after: v });
      return changes;
    }
    if (before.every((v) => typeof v !== "object") && after.every((v) => typeof v !== "object")) {
      return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
    }
    const changes: PolicyChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffPolicies(before[i], after[i], join(path, String(i))));
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diffPolicies(before[k], after[k], join(path, k)));
  }
  return [{ path, before, after }];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
