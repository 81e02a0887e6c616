import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export type FoundDocument = { file: string; name: string; text: string };

/**
 * Every `#graphql` template literal in the .ts/.tsx files under `dir`: the documents the app sends
 * (HOUSE-STYLE: each is tagged). `${NAME}` interpolations of another tagged constant in the same
 * file (shared fragments) are inlined, so each document is complete.
 */
export function graphqlDocumentsIn(dir: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const file of sourceFiles(dir)) {
    const source = readFileSync(file, "utf8");
    const literal = /`\s*#graphql\b([\s\S]*?)`/g;
    const constants = new Map<string, string>();
    for (const m of source.matchAll(/(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*`\s*#graphql\b([\s\S]*?)`/g)) constants.set(m[1], m[2]);
    let index = 0;
    for (const m of source.matchAll(literal)) {
      index += 1;
      const text = inline(m[1], constants, 0);
      const name = /\b(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/.exec(text)?.[1] ?? /\bfragment\s+([A-Za-z_]\w*)/.exec(text)?.[1] ?? `#${index}`;
      found.push({ file: relative(process.cwd(), file), name, text });
    }
  }
  return found;
}

function inline(text: string, constants: Map<string, string>, depth: number): string {
  if (depth > 5) return text;
  return text.replace(/\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g, (whole, name: string) => {
    const value = constants.get(name);
    return value === undefined ? whole : inline(value, constants, depth + 1);
  });
}

/** True for a document that only defines fragments: it is sent as part of others, not alone. */
export function isFragmentOnly(text: string): boolean {
  return !/\b(query|mutation|subscription)\b\s*[A-Za-z_({]/.test(text.replace(/#[^\n]*/g, "")) && /\bfragment\b/.test(text);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}
