import { findingSchema } from "../desk/schemas";
import { policySchema, type Policy } from "../domain/policy/schema";
import { logger } from "../platform/logger.server";
import { publishedPolicies } from "../policies/index.server";
import { desk, operations, parcels as parcelRepository, policies, requests } from "../repositories/index.server";
import { photoStore } from "../requests/photo-store.server";
import { createParcels } from "./parcel.server";

/** The policy a request was decided with: its published version when it still parses, else the live policy. */
export async function policyOfRequest(shop: string, versionId: string | null): Promise<Policy> {
  const { policy: live } = await publishedPolicies.get(shop);
  if (!versionId) return live;
  const version = await policies.byId(shop, versionId);
  const parsed = version ? policySchema.safeParse(JSON.parse(version.documentJson)) : null;
  return parsed?.success ? parsed.data : live;
}

/** The parcel module bound to the process's database, photos and policies. */
export const parcels = createParcels({
  requests,
  parcels: parcelRepository,
  operations,
  photos: photoStore,
  policyOf: policyOfRequest,
  findingsOf: async (shop, requestId) => {
    const inspection = await desk.inspectionOf(shop, requestId);
    if (!inspection) return null;
    const findings = findingSchema.array().safeParse(inspection.findings);
    return findings.success ? findings.data : null;
  },
  log: logger,
});

export { CARRIERS, CARRIER_NAMES, checkTracking, trackingUrl } from "./carriers";
export type { ParcelView } from "./parcel.server";
