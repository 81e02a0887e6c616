import type { Policy } from "../domain/policy/schema";

/** A parsed policy document, as the engine decides from it. */
export type PolicyDocument = Policy;
