import { describe, expect, it } from "vitest";

import { ENVELOPE_SIZES, envelopePdf, type EnvelopeContent } from "../../app/repairs/envelope.server";
import { readPdf } from "../support/pdf";

/** The job envelope read back as a printer would: its page size and its text. */
async function read(bytes: Buffer): Promise<{ pages: number; width: number; height: number; text: string }> {
  const { pages, size, text } = await readPdf(new Uint8Array(bytes));
  return { pages, width: size[0], height: size[1], text: text.replace(/\s+/g, " ") };
}

const CONTENT: EnvelopeContent = {
  job: "J-1042",
  shopName: "Marlow & Finch Jewellers",
  customer: "Jane Doe",
  orderName: "#1001",
  item: "Solitaire ring, size L",
  work: "Resize",
  promised: "11 Dec 2026",
  rush: true,
  location: "Safe, tray 3",
  terms: ["We resize a ring once free within 3 months of purchase.", "We are not liable for stones loosened by wear."],
  ticketUrl: "https://demo.myshopify.com/admin/apps/key/app/bench/abc",
};

describe("the job envelope", () => {
  it("GIVEN a ticket WHEN its A5 envelope is printed THEN one A5 page says the job number, customer, item, work, promised date and the policy's terms", async () => {
    const pdf = await read(await envelopePdf("a5", CONTENT));
    expect(pdf.pages).toBe(1);
    expect([Math.round(pdf.width), Math.round(pdf.height)]).toEqual([420, 595]);
    for (const words of ["J-1042", "Jane Doe · order #1001", "Solitaire ring, size L", "Resize", "11 Dec 2026 — RUSH", "Safe, tray 3", "We resize a ring once free within 3 months of purchase.", "Marlow & Finch Jewellers"]) expect(pdf.text).toContain(words);
  });

  it("GIVEN a ticket WHEN its tag is printed THEN one 90 × 50 mm page carries the job number, work and promise", async () => {
    const pdf = await read(await envelopePdf("tag", { ...CONTENT, rush: false, promised: null }));
    expect([pdf.width, pdf.height].map((n) => Math.round((n / 72) * 25.4))).toEqual([90, 50]);
    expect(pdf.text).toContain("J-1042");
    expect(pdf.text).toContain("Promised: set at intake");
    expect(ENVELOPE_SIZES.tag[0]).toBeGreaterThan(ENVELOPE_SIZES.tag[1]);
  });
});
