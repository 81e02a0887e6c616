import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";

import { withAccess, type ProtectedContent } from "./access";
import { actualCost, requestedCost } from "./cost";
import { fieldResolver, typeResolver, type Ctx } from "./resolvers/fields";
import { mutationRoot } from "./resolvers/mutations";
import { queryRoot } from "./resolvers/query";
import { adminSchema } from "./schema";
import { ShopStore, type ShopRec } from "./store";

/** One error as Shopify's Admin API (graphql-ruby) prints it. */
export type ShopifyGraphqlError = {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
};

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
export type QueryCost = { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: ThrottleStatus };

export type GraphqlRequest = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
export type GraphqlResult = {
  /** HTTP status Shopify answers with: 200 even for validation errors and THROTTLED. */
  status: number;
  body: { data?: unknown; errors?: ShopifyGraphqlError[]; extensions?: { cost: QueryCost } };
};

/** The fields a shop needs; everything else has a UK jeweller's default (see `shopDefaults`). */
export type ShopInit = Partial<Omit<ShopRec, "__typename" | "id" | "shopPolicies">> & { myshopifyDomain: string };

export type StandinOptions = {
  /** The app's client id (API key); `currentAppInstallation.app.apiKey`. */
  apiKey?: string;
  /** The app's handle in the admin URL (/admin/apps/<handle>). Default "aftercare". */
  appHandle?: string;
  /**
   * Scopes granted on install, reported by `currentAppInstallation.accessScopes` and enforced
   * (ACCESS_DENIED) on every selected field from the schema's `requiredAccess` (access.ts); unset:
   * nothing is enforced.
   */
  scopes?: string[];
  /**
   * Protected customer data kinds the app is approved for (name, email, phone, address); fields the
   * schema marks protected outside them are denied. Unset or null: not enforced.
   */
  protectedData?: readonly ProtectedContent[] | null;
  /** Where invoice and order-status URLs point (the stand-in's storefront). */
  storefrontOrigin?: string;
  /** Where product image URLs point; the running stand-in serves them itself (startStandin). */
  cdnOrigin?: string;
  /** Clock for the throttle bucket (tests pass a fake one). */
  now?: () => Date;
  /** Bucket size and leak rate; Shopify's standard plan: 2000 points, 100 per second. */
  throttle?: { maximumAvailable?: number; restoreRate?: number };
  /** Longest single query Shopify accepts. */
  maxSingleQueryCost?: number;
};

export type Standin = ReturnType<typeof createStandin>;

/**
 * The stand-in's engine without HTTP: shops (one ShopStore per domain) and Admin GraphQL executed
 * by graphql-js against Shopify's own 2026-10 schema, with Shopify's error shapes, query cost and
 * leaky-bucket throttling per shop. `startStandin` (server.ts) serves it over HTTP.
 */
export function createStandin(options: StandinOptions = {}) {
  const schema = adminSchema();
  const now = options.now ?? (() => new Date());
  const maximumAvailable = options.throttle?.maximumAvailable ?? 2000;
  const restoreRate = options.throttle?.restoreRate ?? 100;
  const maxSingle = options.maxSingleQueryCost ?? 1000;
  const shops = new Map<string, ShopStore>();
  const buckets = new Map<string, { available: number; at: number }>();
  // Shops whose calls are not charged to their bucket for now (see `meter`).
  const unmetered = new Set<string>();
  const query = queryRoot(schema);
  const mutation = mutationRoot();
  const settings = {
    apiKey: options.apiKey ?? "aftercare-client-id",
    appHandle: options.appHandle ?? "aftercare",
    scopes: options.scopes ?? [],
    protectedData: options.protectedData ?? null,
    storefrontOrigin: options.storefrontOrigin ?? "http://127.0.0.1",
    cdnOrigin: options.cdnOrigin ?? "https://cdn.shopify.com",
  };

  function bucket(shop: string) {
    const at = now().getTime();
    const current = buckets.get(shop) ?? { available: maximumAvailable, at };
    current.available = Math.min(maximumAvailable, current.available + ((at - current.at) / 1000) * restoreRate);
    current.at = at;
    buckets.set(shop, current);
    return current;
  }

  function throttleStatus(shop: string): ThrottleStatus {
    return { maximumAvailable, currentlyAvailable: Math.floor(bucket(shop).available), restoreRate };
  }

  function addShop(shop: ShopStore | ShopInit): ShopStore {
    const store = shop instanceof ShopStore ? shop : new ShopStore({ ...shopDefaults(shop.myshopifyDomain), ...shop }, now);
    shops.set(store.domain, store);
    return store;
  }

  function store(domain: string): ShopStore {
    const found = shops.get(domain);
    if (!found) throw new Error(`the stand-in has no shop ${domain}; add it with addShop()`);
    return found;
  }

  /**
   * Runs one Admin GraphQL request for a shop, as Shopify would answer it. `scopes` are the access
   * token's (defaults to the app's).
   */
  async function graphql(shop: string, request: GraphqlRequest, context: { scopes?: string[]; protectedData?: readonly ProtectedContent[] | null } = {}): Promise<GraphqlResult> {
    const target = shops.get(shop);
    if (!target) return { status: 404, body: { errors: [{ message: "Not Found" }] } };
    const checked = check(request.query);
    if (!checked.document) return { status: 200, body: { errors: checked.errors } };
    const document = checked.document;

    const operation = pickOperation(document, request.operationName ?? undefined);
    if (!operation) {
      return { status: 200, body: { errors: [{ message: request.operationName ? `No operation named "${request.operationName}"` : "An operation name is required", extensions: { code: "OPERATION_NOT_FOUND" } }] } };
    }
    const fragments = fragmentsOf(document);
    const variables = request.variables ?? {};
    const requested = requestedCost(schema, operation, fragments, variables);
    if (requested > maxSingle) {
      return {
        status: 200,
        body: {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxSingle}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
              extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: maxSingle, documentation: "https://shopify.dev/api/usage/limits#rate-limits" },
            },
          ],
        },
      };
    }
    const b = bucket(shop);
    const metered = !unmetered.has(shop);
    if (metered && requested > b.available) return throttled(shop, requested);
    if (metered) b.available -= requested;

    const scopes = context.scopes ?? (options.scopes ? settings.scopes : null);
    const policy = scopes ? { scopes, protectedData: context.protectedData === undefined ? settings.protectedData : context.protectedData } : null;
    const ctx: Ctx = { store: target, ...settings, scopes: scopes ?? settings.scopes };
    const result = await execute({
      schema,
      document,
      rootValue: operation.operation === "mutation" ? mutation : query,
      contextValue: ctx,
      variableValues: variables,
      operationName: request.operationName ?? undefined,
      fieldResolver: withAccess(fieldResolver, policy),
      typeResolver,
    });
    const actual = actualCost(schema, operation, fragments, variables, result.data);
    // Shopify charges the requested cost up front and refunds the difference afterwards.
    if (metered) b.available = Math.min(maximumAvailable, b.available + Math.max(0, requested - actual));
    const body: GraphqlResult["body"] = {};
    if (result.errors?.length) body.errors = result.errors.map((e) => executionError(e));
    if (result.data !== undefined) body.data = result.data;
    body.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: result.data ? actual : null, throttleStatus: throttleStatus(shop) } };
    return { status: 200, body };
  }

  function throttled(shop: string, requested: number): GraphqlResult {
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/limits#rate-limits" } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus(shop) } },
      },
    };
  }

  /**
   * A THROTTLED answer as Shopify gives it when the bucket cannot hold this request: the
   * request's real requested cost, and a bucket (drained to suit) a second's leak short of it, so
   * a client computes its wait from the two (https://shopify.dev/docs/api/usage/limits#rate-limits).
   */
  function throttledFor(shop: string, request: GraphqlRequest): GraphqlResult {
    const checked = check(request.query);
    const operation = checked.document ? pickOperation(checked.document, request.operationName ?? undefined) : undefined;
    const requested = checked.document && operation ? requestedCost(schema, operation, fragmentsOf(checked.document), request.variables ?? {}) : 0;
    const b = bucket(shop);
    b.available = Math.min(b.available, Math.max(0, requested - restoreRate));
    return throttled(shop, requested);
  }

  /** Empties a shop's bucket (or sets what is left), so a test sees THROTTLED without 2000 points of queries. */
  function drainBucket(shop: string, leave = 0) {
    bucket(shop).available = leave;
  }

  /**
   * Turns a shop's metering off or back on. The demo builds weeks of a shop's past (orders
   * returned, refunded, repaired over six weeks) in a few seconds before the app is installed; in
   * Shopify those calls were spread over the weeks and the bucket refilled between them, so that
   * past is not charged as one burst against today's bucket. The app's own calls are metered.
   */
  function meter(shop: string, on: boolean) {
    if (on) unmetered.delete(shop);
    else unmetered.add(shop);
  }

  return { schema, shops, addShop, store, graphql, throttleStatus, throttled, throttledFor, drainBucket, meter, settings, validateDocument: (query: string) => check(query).errors };
}

/**
 * Parses and validates a document against the 2026-10 schema: the errors Shopify would answer
 * with before running anything (empty when the document is valid).
 */
function check(query: string): { document?: DocumentNode; errors: ShopifyGraphqlError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [parseError(error as GraphQLError)] };
  }
  const invalid = validate(adminSchema(), document);
  if (invalid.length) return { errors: invalid.map((e) => validationError(document, e)) };
  return { document, errors: [] };
}

/** A UK jeweller with VAT-inclusive prices: the defaults a shop gets unless told otherwise. */
export function shopDefaults(domain: string): Omit<ShopRec, "__typename" | "id" | "shopPolicies"> {
  const handle = domain.replace(/\..*$/, "");
  const name = handle.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  return {
    name,
    email: `owner@${handle}.example`,
    contactEmail: `hello@${handle}.example`,
    myshopifyDomain: domain,
    currencyCode: "GBP",
    ianaTimezone: "Europe/London",
    countryCode: "GB",
    countryName: "United Kingdom",
    createdAt: "2024-01-15T09:00:00Z",
    updatedAt: "2024-01-15T09:00:00Z",
    shopOwnerName: "Shop Owner",
    description: null,
    taxesIncluded: true,
    taxShipping: true,
    weightUnit: "GRAMS",
    unitSystem: "METRIC_SYSTEM",
    enabledPresentmentCurrencies: ["GBP"],
    metafields: [],
  };
}

function pickOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name) return operations.find((o) => o.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

function locations(error: GraphQLError) {
  return error.locations?.map((l) => ({ line: l.line, column: l.column }));
}

/** graphql-ruby's parse error: `Parse error on "}" (RCURLY) at [3, 1]`, with the location only. */
function parseError(error: GraphQLError): ShopifyGraphqlError {
  const loc = error.locations?.[0];
  const token = /Unexpected (.*)\.$/.exec(error.message)?.[1] ?? error.message;
  return { message: `Parse error on ${token}${loc ? ` at [${loc.line}, ${loc.column}]` : ""}`, locations: locations(error) };
}

/**
 * graphql-js finds the same mistakes graphql-ruby does; Shopify words them its own way and adds a
 * machine-readable code. The common ones are mapped to Shopify's text and codes
 * (e.g. `Field 'nme' doesn't exist on type 'Shop'`, code `undefinedField`); the rest keep
 * graphql-js's text under code `validationError`.
 */
function validationError(document: DocumentNode, error: GraphQLError): ShopifyGraphqlError {
  const base = { locations: locations(error), path: error.nodes?.[0] ? pathTo(document, error.nodes[0]) : undefined };
  const m = error.message;
  let match: RegExpExecArray | null;
  if ((match = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(m))) {
    return { message: `Field '${match[1]}' doesn't exist on type '${match[2]}'`, ...base, extensions: { code: "undefinedField", typeName: match[2], fieldName: match[1] } };
  }
  if ((match = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"/.exec(m))) {
    return { message: `Field '${match[3]}' doesn't accept argument '${match[1]}'`, ...base, extensions: { code: "argumentNotAccepted", name: match[3], typeName: "Field", argumentName: match[1] } };
  }
  if ((match = /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required/.exec(m))) {
    return { message: `Field '${match[1]}' is missing required arguments: ${match[2]}`, ...base, extensions: { code: "missingRequiredArguments", className: "Field", name: match[1], arguments: match[2] } };
  }
  if ((match = /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/.exec(m))) {
    return {
      message: `Field must have selections (field '${match[1]}' returns ${match[2].replace(/[[\]!]/g, "")} but has no selections. Did you mean '${match[1]} { ... }'?)`,
      ...base,
      extensions: { code: "selectionMismatch", nodeName: `field '${match[1]}'`, typeName: match[2].replace(/[[\]!]/g, "") },
    };
  }
  if ((match = /^Variable "\$([^"]+)" is not defined/.exec(m))) {
    return { message: `Variable $${match[1]} is used by ${operationLabel(document)} but not declared`, ...base, extensions: { code: "variableNotDefined", variableName: match[1] } };
  }
  if ((match = /^Variable "\$([^"]+)" is never used/.exec(m))) {
    return { message: `Variable $${match[1]} is declared by ${operationLabel(document)} but not used`, ...base, extensions: { code: "variableNotUsed", variableName: match[1] } };
  }
  if ((match = /^Unknown type "([^"]+)"/.exec(m))) {
    return { message: `${match[1]} isn't a defined input type`, ...base, extensions: { code: "undefinedType", typeName: match[1] } };
  }
  return { message: m, ...base, extensions: { code: "validationError" } };
}

function operationLabel(document: DocumentNode): string {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return op?.name?.value ?? "anonymous query";
}

/** graphql-ruby's error path: ["query Name", "field", "alias", ...] down to the offending node. */
function pathTo(document: DocumentNode, target: ASTNode): (string | number)[] | undefined {
  let found: (string | number)[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (found) return false;
      if (node !== target) return undefined;
      const chain = [...ancestors, node].filter((a): a is ASTNode => !Array.isArray(a) && typeof a === "object" && a !== null && "kind" in a);
      found = chain.flatMap((a): string[] => {
        if (a.kind === Kind.OPERATION_DEFINITION) return [`${a.operation}${a.name ? ` ${a.name.value}` : ""}`];
        if (a.kind === Kind.FRAGMENT_DEFINITION) return [`fragment ${a.name.value}`];
        if (a.kind === Kind.FIELD) return [a.alias?.value ?? a.name.value];
        if (a.kind === Kind.INLINE_FRAGMENT) return [`... on ${a.typeCondition?.name.value ?? ""}`];
        if (a.kind === Kind.VARIABLE_DEFINITION) return [`$${a.variable.name.value}`];
        return [];
      });
      return false;
    },
  });
  return found;
}

/** Errors raised while executing keep their path; bad variables get Shopify's INVALID_VARIABLE. */
function executionError(error: GraphQLError): ShopifyGraphqlError {
  const variable = /^Variable "\$([^"]+)" (?:of (?:required )?type "([^"]+)" )?(?:got invalid value|has invalid value|was not provided)/.exec(error.message);
  if (variable && !error.path) {
    return {
      message: `Variable $${variable[1]} of type ${variable[2] ?? "unknown"} was provided invalid value`,
      locations: locations(error),
      extensions: { code: "INVALID_VARIABLE", value: null, problems: [{ path: [], explanation: error.message }] },
    };
  }
  const out: ShopifyGraphqlError = { message: error.message, locations: locations(error) };
  if (error.path) out.path = [...error.path];
  if (error.extensions && Object.keys(error.extensions).length) out.extensions = { ...error.extensions };
  else if (!error.originalError || error.originalError instanceof GraphQLError) out.extensions = { code: "BAD_REQUEST" };
  else out.extensions = { code: "INTERNAL_SERVER_ERROR" };
  return out;
}
