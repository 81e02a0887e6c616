import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type IntrospectionEnumType,
  type IntrospectionObjectType,
} from "graphql";

import { adminIntrospection } from "./schema";

/**
 * Access as Shopify's 2026-10 schema records it, enforced generically: no hand-kept list.
 *
 * Shopify's introspection carries, beside the standard fields, a `requiredAccess` text on types
 * and fields (e.g. StoreCreditAccount: "`read_store_credit_accounts` access scope.",
 * ReturnableFulfillment: "`read_orders` access scope or `read_marketplace_orders` access scope.
 * Also: Requires the `read_returns` access scope.") and `isProtected`/`protectedContent` on the
 * fields that are protected customer data (name, email, phone, address). Webhook topics state
 * theirs in the WebhookSubscriptionTopic value's description ("Requires at least one of the
 * following scopes: read_fulfillments, read_marketplace_orders."). A field is answered only when
 * the token's scopes satisfy both the field's and its type's requirement; otherwise it fails
 * alone with ACCESS_DENIED and the rest of the query answers
 * (https://shopify.dev/changelog/new-error-messages-for-graphql-operations-without-necessary-access-scopes).
 * Conditions on the staff member ("The user must have …") are not modelled.
 */

/** Protected customer data fields an app is approved for (Partner Dashboard, level 2). */
export type ProtectedContent = "name" | "email" | "phone" | "address";

/** What the token may see: its scopes, and (when not null) the approved protected fields. */
export type AccessPolicy = { scopes: string[]; protectedData: readonly ProtectedContent[] | null };

/** An AND of OR-groups of scopes: every group needs one scope the token holds. */
export type Requirement = string[][];

export type Denial = { path: string; requiredAccess: string; kind: "scope" | "protected"; field: string };

type FieldMeta = { requiredAccess: string | null; protectedContent: string | null };
type Metadata = { types: Map<string, string>; fields: Map<string, FieldMeta>; topics: Map<string, string>; mutationType: string };

let cachedMeta: Metadata | undefined;

function metadata(): Metadata {
  if (cachedMeta) return cachedMeta;
  const schema = adminIntrospection().data.__schema;
  const types = new Map<string, string>();
  const fields = new Map<string, FieldMeta>();
  const topics = new Map<string, string>();
  type Extra = { requiredAccess?: string | null; isProtected?: boolean; protectedContent?: string | null };
  for (const type of schema.types) {
    const t = type as IntrospectionObjectType & Extra;
    if (t.requiredAccess) types.set(t.name, t.requiredAccess);
    for (const field of t.fields ?? []) {
      const f = field as typeof field & Extra;
      if (f.requiredAccess || f.isProtected) fields.set(`${t.name}.${f.name}`, { requiredAccess: f.requiredAccess ?? null, protectedContent: f.isProtected ? (f.protectedContent ?? null) : null });
    }
    if (t.name === "WebhookSubscriptionTopic") for (const value of (type as IntrospectionEnumType).enumValues) topics.set(value.name, value.description ?? "");
  }
  cachedMeta = { types, fields, topics, mutationType: schema.mutationType?.name ?? "Mutation" };
  return cachedMeta;
}

const parsed = new Map<string, Requirement>();

/**
 * Reads a `requiredAccess` text as scopes: "Also:" and a top-level " and " join requirements,
 * each piece is satisfied by any scope it names. A bare name (refundCreate: "`orders` access
 * scope") is that resource's read scope on a type, its write scope on a mutation. Pieces about the
 * staff member's permissions name no scope the app can hold and are left out.
 */
export function parseRequiredAccess(text: string, kind: "read" | "write" = "read"): Requirement {
  const cacheKey = `${kind}:${text}`;
  const hit = parsed.get(cacheKey);
  if (hit) return hit;
  const groups: Requirement = [];
  for (const part of text.replace(/\s+/g, " ").split(/\bAlso:/)) {
    for (const piece of splitTopLevelAnd(part)) {
      if (/\b(user|staff member)\b/i.test(piece)) continue;
      const scopes: string[] = [];
      for (const [, token] of piece.matchAll(/`([a-z_]+)`/g)) {
        if (/^(read|write)_/.test(token)) scopes.push(token);
        else if (/access scope/.test(piece)) scopes.push(`${kind}_${token}`);
      }
      const listed = /following scopes:\s*([a-z_,\s]+)/.exec(piece)?.[1];
      if (listed) scopes.push(...listed.split(",").map((s) => s.trim()).filter(Boolean));
      if (scopes.length) groups.push([...new Set(scopes)]);
    }
  }
  parsed.set(cacheKey, groups);
  return groups;
}

function splitTopLevelAnd(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth += 1;
    else if (text[i] === ")") depth -= 1;
    else if (depth === 0 && text.startsWith(" and ", i)) {
      pieces.push(text.slice(start, i));
      start = i + 5;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** A `write_` scope grants its `read_` scope, as on Shopify; `read_all_orders` grants nothing else. */
export function granted(scopes: readonly string[], needed: string): boolean {
  return scopes.includes(needed) || (needed.startsWith("read_") && scopes.includes(`write_${needed.slice(5)}`));
}

export function satisfies(scopes: readonly string[], requirement: Requirement): boolean {
  return requirement.every((group) => group.some((scope) => granted(scopes, scope)));
}

function typeDenial(typeName: string, policy: AccessPolicy): string | null {
  const text = metadata().types.get(typeName);
  return text && !satisfies(policy.scopes, parseRequiredAccess(text)) ? text : null;
}

/** Why a field may not be answered under `policy` (null: it may). */
export function fieldDenial(parentType: string, field: string, returnType: string, policy: AccessPolicy): Omit<Denial, "path"> | null {
  const meta = metadata();
  const own = meta.fields.get(`${parentType}.${field}`);
  if (own?.requiredAccess && !satisfies(policy.scopes, parseRequiredAccess(own.requiredAccess, parentType === meta.mutationType ? "write" : "read"))) {
    return { kind: "scope", requiredAccess: own.requiredAccess, field };
  }
  const ofType = typeDenial(returnType, policy);
  if (ofType) return { kind: "scope", requiredAccess: ofType, field };
  if (own?.protectedContent && policy.protectedData && !policy.protectedData.includes(own.protectedContent as ProtectedContent)) {
    return { kind: "protected", requiredAccess: `approval for protected customer data (${own.protectedContent})`, field };
  }
  return null;
}

/**
 * Every selection of a document the policy does not cover, found without running it: each field
 * (its own access and its type's) and each fragment's type condition.
 */
export function deniedSelections(schema: GraphQLSchema, document: DocumentNode, policy: AccessPolicy): Denial[] {
  const denials: Denial[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        if (!parent || !definition) return;
        const denial = fieldDenial(parent.name, node.name.value, getNamedType(definition.type).name, policy);
        if (denial) denials.push({ ...denial, path: `${parent.name}.${node.name.value}` });
      },
      InlineFragment(node) {
        const condition = node.typeCondition?.name.value;
        const text = condition ? typeDenial(condition, policy) : null;
        if (condition && text) denials.push({ kind: "scope", requiredAccess: text, field: `... on ${condition}`, path: `... on ${condition}` });
      },
      FragmentDefinition(node) {
        const condition = node.typeCondition.name.value;
        const text = typeDenial(condition, policy);
        if (text) denials.push({ kind: "scope", requiredAccess: text, field: `fragment on ${condition}`, path: `fragment ${node.name.value}` });
      },
    }),
  );
  return denials;
}

/**
 * The scopes a webhook topic ("fulfillments/update") needs, from its WebhookSubscriptionTopic
 * description; null when the topic is not in the enum (compliance topics) or needs none.
 */
export function topicRequirement(topic: string): { text: string; requirement: Requirement } | null {
  const description = metadata().topics.get(topic.toUpperCase().replace(/[/.]/g, "_"));
  const text = description ? /Requires[\s\S]*?(?:\.(?=\s|$)|$)/.exec(description)?.[0] : undefined;
  if (!text) return null;
  return { text: text.replace(/\s+/g, " "), requirement: parseRequiredAccess(text) };
}

/** Null when the scopes may subscribe to the topic, else the requirement they miss. */
export function topicDenial(topic: string, scopes: readonly string[]): string | null {
  const needed = topicRequirement(topic);
  return needed && !satisfies(scopes, needed.requirement) ? needed.text : null;
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) out.unshift(p.key);
  return out;
}

function accessError(info: GraphQLResolveInfo, denial: Omit<Denial, "path">): GraphQLError {
  if (denial.kind === "protected") {
    return new GraphQLError(`This app is not approved to use the ${denial.field} field. See https://partners.shopify.com/-/apps/-/customer_data for more details.`, {
      nodes: info.fieldNodes,
      path: pathOf(info),
      extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/docs/apps/launch/protected-customer-data" },
    });
  }
  return new GraphQLError(`Access denied for ${denial.field} field. Required access: ${denial.requiredAccess}`, {
    nodes: info.fieldNodes,
    path: pathOf(info),
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: denial.requiredAccess },
  });
}

/**
 * Wraps the field resolver so every field, at any depth, is checked before it resolves, and a
 * field of an interface or union type is checked again against the concrete type it returned.
 * `policy` null: nothing is enforced.
 */
export function withAccess<S, C>(resolve: GraphQLFieldResolver<S, C>, policy: AccessPolicy | null): GraphQLFieldResolver<S, C> {
  if (!policy) return resolve;
  return (source, args, ctx, info) => {
    const named = getNamedType(info.returnType);
    const denial = fieldDenial(info.parentType.name, info.fieldName, named.name, policy);
    if (denial) throw accessError(info, denial);
    const value = resolve(source, args, ctx, info);
    if (!isAbstractType(named)) return value;
    const checkConcrete = (result: unknown) => {
      for (const item of Array.isArray(result) ? result : [result]) {
        const typename = (item as { __typename?: string } | null)?.__typename;
        const text = typename ? typeDenial(typename, policy) : null;
        if (text) throw accessError(info, { kind: "scope", requiredAccess: text, field: info.fieldName });
      }
      return result;
    };
    return value instanceof Promise ? value.then(checkConcrete) : checkConcrete(value);
  };
}
