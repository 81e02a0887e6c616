import { describe, expect, it } from "vitest";

import { PRESET_DOCUMENTS, policySchema } from "../../app/domain";
import { addressFor } from "../../app/domain/policy/address";
import type { ReturnAddress } from "../../app/domain/policy/schema";
import { policyText, policyTextPlain } from "../../app/domain/policy/text";

const uk = () => policySchema.parse(structuredClone(PRESET_DOCUMENTS["uk-jeweller"]));
const workshop: ReturnAddress = { id: "workshop", name: "The workshop", lines: ["1 Bench Lane", "Birmingham B18 6HE"], country: "GB", text: "Wrap the piece in tissue." };

describe("where a request's piece is sent", () => {
  it("GIVEN the UK preset WHEN any kind of request asks where to send it THEN the policy's own P.O. box, which the generated policy text also gives", () => {
    const policy = uk();
    for (const kind of ["return", "warranty", "service"] as const) expect(addressFor(policy, kind)).toMatchObject({ name: "Kestia Limited", lines: ["P.O. Box 422", "Leatherhead", "Surrey", "KT22 2HH"] });
    expect(policyTextPlain(policyText(policy))).toContain("Send items to: Kestia Limited, P.O. Box 422, Leatherhead, Surrey, KT22 2HH.");
  });

  it("GIVEN a repair address WHEN warranty claims and services ask THEN they go to it and returns still go to the return address, as the policy text says", () => {
    const policy = { ...uk(), repairAddress: workshop };
    expect(addressFor(policy, "return")?.name).toBe("Kestia Limited");
    expect(addressFor(policy, "warranty")?.name).toBe("The workshop");
    expect(addressFor(policy, "service")?.name).toBe("The workshop");
    const text = policyTextPlain(policyText(policy));
    expect(text).toContain("Returns go to: Kestia Limited");
    expect(text).toContain("Repairs, warranty claims and care services go to: The workshop, 1 Bench Lane, Birmingham B18 6HE. Wrap the piece in tissue.");
  });

  it("GIVEN a policy without addresses THEN nothing is said and no request has one", () => {
    const { returnAddress: _omit, ...policy } = uk();
    expect(addressFor(policy, "return")).toBeNull();
    expect(addressFor({ ...policy, repairAddress: workshop }, "return")).toBeNull();
    expect(policyTextPlain(policyText(policySchema.parse(policy)))).not.toContain("Send items to");
  });

  it.each([
    ["no address line", { lines: [] }, ["returnAddress", "lines"]],
    ["an empty line", { lines: ["1 High St", " "] }, ["returnAddress", "lines", 1]],
    ["seven lines", { lines: ["a", "b", "c", "d", "e", "f", "g"] }, ["returnAddress", "lines"]],
    ["a country name for a code", { country: "United Kingdom" }, ["returnAddress", "country"]],
    ["no one to receive it", { name: "" }, ["returnAddress", "name"]],
  ])("GIVEN a return address with %s WHEN the policy is checked THEN the field is refused", (_label, patch, path) => {
    const policy = structuredClone(PRESET_DOCUMENTS["uk-jeweller"]) as Record<string, unknown>;
    policy.returnAddress = { ...(policy.returnAddress as object), ...patch };
    const result = policySchema.safeParse(policy);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});
