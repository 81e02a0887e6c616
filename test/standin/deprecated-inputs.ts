import { getNamedType, isInputObjectType, isListType, isNonNullType, parse, typeFromAST, type GraphQLInputType, type GraphQLSchema } from "graphql";

/**
 * The deprecated input fields a request uses in its variables (`ReturnRequestLineItemInput.
 * returnReason`, say). Document literals are checked by graphql-js's NoDeprecatedCustomRule;
 * variables, where the app's inputs travel, are walked here against the operation's types.
 */
export function deprecatedInputsUsed(schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  const walk = (type: GraphQLInputType, value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(inner.ofType, item, `${path}[${i}]`));
      return;
    }
    if (!isInputObjectType(inner) || typeof value !== "object") return;
    const fields = inner.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (!field) continue;
      if (field.deprecationReason && item !== undefined && item !== null) found.push(`${getNamedType(inner).name}.${key} at ${path}.${key}`);
      walk(field.type, item, `${path}.${key}`);
    }
  };
  for (const definition of parse(query).definitions) {
    if (definition.kind !== "OperationDefinition") continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
      if (type) walk(type, variables[variable.variable.name.value], `$${variable.variable.name.value}`);
    }
  }
  return found;
}
