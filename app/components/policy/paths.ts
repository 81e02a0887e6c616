/** Reading and writing a JSON document by path, immutably: the editor's form state is the document itself. */
export type Path = (string | number)[];

export function getAt(doc: unknown, path: Path): unknown {
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function setAt<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const base = (doc ?? (typeof key === "number" ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(base) ? [...base] : { ...base }) as Record<string | number, unknown>;
  const next = setAt(base[key], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = next;
  return copy as T;
}

export function removeAt<T>(doc: T, path: Path): T {
  const parent = path.slice(0, -1);
  const index = path[path.length - 1];
  const list = getAt(doc, parent);
  if (!Array.isArray(list)) return doc;
  return setAt(doc, parent, list.filter((_, i) => i !== index));
}

export const pathKey = (path: Path) => path.join(".");

/** "a, b ,c" → ["a","b","c"]; empty → undefined (the field is left out). */
export function splitList(text: string): string[] | undefined {
  const items = text.split(",").map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}
