import { readFileSync } from "node:fs";

import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";

import { collectDocuments, generate, OUTPUT_PATH } from "../../scripts/shopify-codegen";
import { adminSchema } from "../standin/schema";

const documents = collectDocuments();

describe("the gateway's GraphQL documents", () => {
  it("GIVEN app/shopify WHEN its #graphql documents are collected THEN the gateway's operations are all there", () => {
    const names = documents.map((d) => /(?:query|mutation)\s+(\w+)/.exec(d.text)?.[1]);
    expect(names).toEqual(expect.arrayContaining(["OrderForDecision", "OrderLinesPage", "RefundCreate", "ReturnProcess", "StoreCreditAccountCredit", "ReturnRequest", "ReturnApproveRequest", "ReturnDeclineRequest", "ReturnClose", "ReturnCancel", "ReturnCreate"]));
  });

  it.each(documents.map((d) => [/(?:query|mutation)\s+(\w+)/.exec(d.text)?.[1] ?? d.file, d.text]))(
    "GIVEN %s WHEN validated against the vendored 2026-10 schema THEN it has no errors",
    (_name, text) => {
      expect(validate(adminSchema(), parse(text)).map((e) => e.message)).toEqual([]);
    },
  );

  it("GIVEN the documents WHEN types are generated again THEN the committed file is identical (not stale)", () => {
    expect(readFileSync(OUTPUT_PATH, "utf8")).toBe(generate(adminSchema(), documents));
  });

  it("GIVEN refundCreate WHEN its document is read THEN it carries @idempotent(key:), which 2026-10 requires", () => {
    const refund = documents.find((d) => d.text.includes("refundCreate("));
    expect(refund?.text).toMatch(/refundCreate\(input: \$input\) @idempotent\(key: \$idempotencyKey\)/);
  });
});
