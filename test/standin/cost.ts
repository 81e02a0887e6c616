import {
  type ArgumentNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Shopify's calculated query cost, the rules apps plan against
 * (https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits): a scalar or enum
 * costs 0, an object 1, a connection 2 plus its page size (`first`/`last`) times the cost of one
 * item, and a mutation field 10. The requested cost is computed from the document before running
 * it; the actual cost uses the page sizes that came back.
 */
export const MUTATION_COST = 10;

type Walk = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

export function requestedCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables }, operation.selectionSet, root, operation.operation === "mutation", undefined);
}

export function actualCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, data: unknown): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables }, operation.selectionSet, root, operation.operation === "mutation", data ?? null);
}

/**
 * `data` undefined: requested cost (sizes from arguments). `data` given: actual cost, walking the
 * response beside the document (null objects cost nothing, connections count what came back).
 */
function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, isMutationRoot: boolean, data: unknown): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parent;
      total += selectionCost(walk, selection.selectionSet, type ?? parent, isMutationRoot, data);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      total += selectionCost(walk, fragment.selectionSet, type ?? parent, isMutationRoot, data);
      continue;
    }
    const name = selection.name.value;
    if (name === "__typename") continue;
    const field = fieldOf(parent, name);
    if (!field) continue;
    const key = selection.alias?.value ?? name;
    const value = data === undefined ? undefined : data && typeof data === "object" ? (data as Record<string, unknown>)[key] : null;
    if (data !== undefined && (value === null || value === undefined)) {
      if (isMutationRoot) total += MUTATION_COST;
      continue;
    }
    const type = getNamedType(field.type);
    let cost = 0;
    if (isLeafType(type)) cost = 0;
    else if (isCompositeType(type) && selection.selectionSet) {
      const inner = selection.selectionSet;
      if (isConnection(field)) cost = connectionCost(walk, inner, type, argumentValues(walk, field, selection.arguments ?? []), value);
      else if (Array.isArray(value)) cost = value.reduce<number>((sum, item) => sum + 1 + selectionCost(walk, inner, type, false, item), 0);
      else cost = 1 + selectionCost(walk, inner, type, false, value);
    }
    total += isMutationRoot ? MUTATION_COST + Math.max(0, cost - 1) : cost;
  }
  return total;
}

function connectionCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, args: Record<string, unknown>, value: unknown): number {
  const size = Number(args.first ?? args.last ?? 0) || 0;
  let perItem = 0;
  let rest = 0;
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const itemSet = selection.selectionSet;
    const name = selection.name.value;
    const field = fieldOf(type, name);
    if (!field) continue;
    const inner = getNamedType(field.type) as GraphQLCompositeType;
    if (name === "edges" || name === "nodes") {
      // One item: an edge (or node) and everything selected under it.
      const key = selection.alias?.value ?? name;
      const items = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) perItem += selectionCost(walk, selection.selectionSet, inner, false, undefined);
      else if (Array.isArray(items)) rest += items.reduce<number>((sum, item) => sum + selectionCost(walk, itemSet, inner, false, item), 0);
    } else {
      rest += 1 + selectionCost(walk, selection.selectionSet, inner, false, value === undefined ? undefined : (value as Record<string, unknown>)[selection.alias?.value ?? name]);
    }
  }
  return 2 + size * perItem + rest;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isAbstractType(parent) && !("getFields" in parent)) return undefined;
  return "getFields" in parent ? parent.getFields()[name] : undefined;
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith("Connection") && field.args.some((a) => a.name === "first");
}

function argumentValues(walk: Walk, field: GraphQLField<unknown, unknown>, nodes: readonly ArgumentNode[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const node of nodes) {
    const definition = field.args.find((a) => a.name === node.name.value);
    if (!definition) continue;
    values[node.name.value] = valueFromAST(node.value, definition.type, walk.variables);
  }
  return values;
}
