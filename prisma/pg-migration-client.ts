// Prisma 6.19's JavaScript schema engine reads PostgreSQL catalogs whose columns have the types
// `name` and `"char"`, and @prisma/adapter-pg 6.19 refuses both ("Column type 'name' could not
// be deserialized", prisma/orm#27403). Both are text in all but storage, and pg already parses
// them as strings, so for the migration CLI only we report those columns as `text`. The app's own
// client never reads catalogs and uses the adapter unchanged.
import pg from "pg";

const CATALOG_TEXT_OIDS = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_OID = 25;

type FieldsResult = { fields?: { dataTypeID: number }[] } | undefined;

function relabel<T extends FieldsResult>(result: T): T {
  for (const field of result?.fields ?? []) {
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

export class CatalogFriendlyClient extends pg.Client {
  // pg's query() has a dozen overloads; pg.Pool calls the callback form, the adapter's
  // transactions the promise form, so both are relabelled.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: FieldsResult) =>
        last(error, error ? result : relabel(result));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pending = (super.query as (...a: any[]) => unknown)(...args);
    return pending instanceof Promise ? pending.then((r) => relabel(r as FieldsResult)) : pending;
  }
}
