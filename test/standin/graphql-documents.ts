import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export type FoundDocument = { file: string; name: string; text: string };

/**
 * Every `#graphql` template literal in the .ts/.tsx files under `dir`: the documents the app sends
 * (HOUSE-STYLE: each is tagged). `${NAME}` interpolations of another tagged constant under `dir`
 * (shared fragments, in the same file or imported, as the codegen preset resolves them) are
 * inlined, so each document is complete.
 */
export function graphqlDocumentsIn(dir: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  const files = sourceFiles(dir);
  const constants = new Map<string, string>();
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*`\s*#graphql\b([\s\S]*?)`/g)) {
      // The preset resolves an interpolation by the constant's name alone: two must not share one.
      if (constants.has(m[1]) && constants.get(m[1]) !== m[2]) throw new Error(`two #graphql constants are named ${m[1]} (${file})`);
      constants.set(m[1], m[2]);
    }
  }
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const literal = /`\s*#graphql\b([\s\S]*?)`/g;
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
