// Types for every `#graphql` document under app/shopify, generated offline from the vendored Admin
// API schema (schema/shopify-admin-2026-10.json.gz) with graphql-js alone:
//   npx tsx scripts/shopify-codegen.ts           writes app/shopify/generated/admin.generated.ts
//   npx tsx scripts/shopify-codegen.ts --check   exits 1 when that file is stale
// The output maps each document's exact text to its result and variables types (the shape the
// Shopify codegen preset uses), so changing a document without regenerating fails typecheck too.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

import {
  buildClientSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const SCHEMA_PATH = join("schema", "shopify-admin-2026-10.json.gz");
export const SOURCE_DIR = join("app", "shopify");
export const OUTPUT_PATH = join("app", "shopify", "generated", "admin.generated.ts");

const SCALARS: Record<string, string> = { Int: "number", Float: "number", Boolean: "boolean", JSON: "unknown" };

export function loadSchema(path = SCHEMA_PATH): GraphQLSchema {
  const introspection = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as { data: IntrospectionQuery };
  return buildClientSchema(introspection.data);
}

/** Every `#graphql` template literal (without substitutions) in the .ts files under `dir`. */
export function collectDocuments(dir = SOURCE_DIR): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) {
        if (name !== "generated") walk(full);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        for (const match of readFileSync(full, "utf8").matchAll(/`(#graphql(?:[^`$]|\$(?!\{))*)`/g)) found.push({ file: relative(process.cwd(), full), text: match[1] });
      }
    }
  };
  walk(dir);
  return found;
}

function nullable(ts: string, type: GraphQLOutputType | GraphQLInputType): string {
  return isNonNullType(type) ? ts : `${ts} | null`;
}

class Emitter {
  readonly inputs = new Map<string, string>();
  readonly enums = new Map<string, string>();

  leaf(type: GraphQLOutputType | GraphQLInputType): string {
    const named = getNamedType(type);
    if (isEnumType(named)) {
      if (!this.enums.has(named.name)) this.enums.set(named.name, `export type ${named.name} = ${named.getValues().map((v) => JSON.stringify(v.name)).join(" | ")};`);
      return named.name;
    }
    if (isScalarType(named)) return SCALARS[named.name] ?? "string";
    return named.name;
  }

  constructor(private readonly schema: GraphQLSchema) {}

  output(type: GraphQLOutputType, selection: SelectionSetNode | undefined, indent: string): string {
    const inner = isNonNullType(type) ? type.ofType : type;
    let ts: string;
    if (isListType(inner)) ts = `Array<${this.output(inner.ofType, selection, indent)}>`;
    else if (selection) ts = this.object(getNamedType(inner) as GraphQLCompositeType, selection, indent);
    else ts = this.leaf(inner);
    return nullable(ts, type);
  }

  /** One object type for a selection; fields under a fragment on a narrower type are optional. */
  object(parent: GraphQLCompositeType, set: SelectionSetNode, indent: string): string {
    const fields = new Map<string, string>();
    const add = (type: GraphQLCompositeType, selections: SelectionSetNode, optional: boolean) => {
      for (const selection of selections.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition ? (this.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type;
          add(condition, selection.selectionSet, optional || condition.name !== type.name);
          continue;
        }
        if (selection.kind !== Kind.FIELD) throw new Error("named fragments are not used in Aftercare's documents; inline them");
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === "__typename") {
          const names = isAbstractType(type) ? this.schema.getPossibleTypes(type).map((t) => JSON.stringify(t.name)).join(" | ") : JSON.stringify(type.name);
          fields.set(key, `${key}${optional ? "?" : ""}: ${names}`);
          continue;
        }
        const definition = "getFields" in type ? type.getFields()[selection.name.value] : undefined;
        if (!definition) throw new Error(`${type.name} has no field ${selection.name.value}`);
        fields.set(key, `${key}${optional ? "?" : ""}: ${this.output(definition.type, selection.selectionSet, `${indent}  `)}`);
      }
    };
    add(parent, set, false);
    return `{\n${[...fields.values()].map((f) => `${indent}  ${f};`).join("\n")}\n${indent}}`;
  }

  input(type: GraphQLInputType): string {
    const inner = isNonNullType(type) ? type.ofType : type;
    let ts: string;
    if (isListType(inner)) ts = `Array<${this.input(inner.ofType)}>`;
    else if (isInputObjectType(inner)) {
      this.declareInput(inner.name);
      ts = inner.name;
    } else ts = this.leaf(inner);
    return nullable(ts, type);
  }

  private declareInput(name: string) {
    if (this.inputs.has(name)) return;
    this.inputs.set(name, "");
    const type = this.schema.getType(name);
    if (!isInputObjectType(type)) throw new Error(`${name} is not an input type`);
    const lines = Object.values(type.getFields()).map((f) => `  ${f.name}${isNonNullType(f.type) ? "" : "?"}: ${this.input(f.type)};`);
    this.inputs.set(name, `export type ${name} = {\n${lines.join("\n")}\n};`);
  }
}

function typeName(operation: OperationDefinitionNode): string {
  if (!operation.name) throw new Error("every operation needs a name");
  const name = operation.name.value;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${operation.operation === "mutation" ? "Mutation" : "Query"}`;
}

/** The generated module's text, or an error naming the document that does not validate. */
export function generate(schema = loadSchema(), documents = collectDocuments()): string {
  const emitter = new Emitter(schema);
  const blocks: string[] = [];
  const queries: string[] = [];
  const mutations: string[] = [];
  const names = new Set<string>();
  for (const { file, text } of documents) {
    const document = parse(text);
    const errors = validate(schema, document);
    if (errors.length) throw new Error(`${file}: ${errors.map((e) => e.message).join("; ")}`);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = typeName(definition);
      if (names.has(name)) throw new Error(`${file}: operation ${name} is defined twice`);
      names.add(name);
      const variables = (definition.variableDefinitions ?? []).map((v) => {
        const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
        const optional = !isNonNullType(type) || v.defaultValue !== undefined;
        return `  ${v.variable.name.value}${optional ? "?" : ""}: ${emitter.input(type)};`;
      });
      const root = definition.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
      if (!root || !isObjectType(root)) throw new Error(`the schema has no ${definition.operation} root`);
      blocks.push(`export type ${name}Variables = {${variables.length ? `\n${variables.join("\n")}\n` : ""}};`);
      blocks.push(`export type ${name} = ${emitter.object(root, definition.selectionSet, "")};`);
      const entry = `  ${JSON.stringify(text)}: { return: ${name}; variables: ${name}Variables };`;
      (definition.operation === "mutation" ? mutations : queries).push(entry);
    }
  }
  return [
    "// GENERATED by scripts/shopify-codegen.ts from schema/shopify-admin-2026-10.json.gz. Do not edit:",
    "// change a #graphql document under app/shopify, then run `npm run shopify:codegen`.",
    "",
    ...[...emitter.enums.keys()].sort().map((name) => emitter.enums.get(name)),
    "",
    ...[...emitter.inputs.keys()].sort().map((name) => emitter.inputs.get(name)),
    "",
    ...blocks,
    "",
    `export interface AdminQueries {\n${queries.join("\n")}\n}`,
    "",
    `export interface AdminMutations {\n${mutations.join("\n")}\n}`,
    "",
    "export type AdminOperations = AdminQueries & AdminMutations;",
    "",
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const text = generate();
  if (process.argv.includes("--check")) {
    if (readFileSync(OUTPUT_PATH, "utf8") !== text) {
      console.error(`${OUTPUT_PATH} is stale: run \`npx tsx scripts/shopify-codegen.ts\`.`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT_PATH, text);
    console.log(`wrote ${OUTPUT_PATH}`);
  }
}
