import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/**
 * The job envelope (A5, the paper envelope the piece travels in) and the tag (a small label tied
 * to the piece): the job number as text and as a QR code that opens the ticket in Shopify admin,
 * the customer, the item, the work, the promised date and the shop's repair terms in its policy's
 * words. pdfkit lays it out; qrcode draws the code.
 */

export const ENVELOPE_SIZES = {
  /** ISO A5 portrait, in PDF points. */
  a5: [419.53, 595.28],
  /** A 90 × 50 mm jewellery tag, landscape. */
  tag: [255.12, 141.73],
} as const;
export type EnvelopeSize = keyof typeof ENVELOPE_SIZES;

export type EnvelopeContent = {
  job: string;
  shopName: string;
  customer: string;
  orderName: string;
  item: string;
  work: string;
  /** "11 Dec 2026", or null before the promise is made at intake. */
  promised: string | null;
  rush: boolean;
  location: string | null;
  terms: string[];
  /** Where the QR code leads: the ticket in Shopify admin. */
  ticketUrl: string;
};

async function pdf(size: EnvelopeSize, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const [width, height] = ENVELOPE_SIZES[size];
  const doc = new PDFDocument({ size: [width, height], margin: size === "a5" ? 36 : 10, info: { Title: "Job envelope", Producer: "Aftercare" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** The PDF of one ticket's envelope or tag. */
export async function envelopePdf(size: EnvelopeSize, c: EnvelopeContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.ticketUrl, { type: "png", margin: 1, width: 240, errorCorrectionLevel: "M" });
  const promised = c.promised ? `Promised: ${c.promised}${c.rush ? " (RUSH)" : ""}` : "Promised: set at intake";
  if (size === "tag") {
    return pdf(size, (doc) => {
      doc.image(qr, 10, 10, { width: 80 });
      doc.font("Helvetica-Bold").fontSize(20).text(c.job, 98, 12, { width: 147 });
      doc.font("Helvetica").fontSize(8).text(c.customer, 98, 40, { width: 147, ellipsis: true, height: 10 });
      doc.text(c.work, { width: 147, ellipsis: true, height: 10 });
      doc.text(promised, { width: 147 });
      doc.fontSize(7).text(c.item, 10, 96, { width: 235, height: 30, ellipsis: true });
    });
  }
  return pdf(size, (doc) => {
    const left = 36;
    const width = ENVELOPE_SIZES.a5[0] - 72;
    doc.font("Helvetica").fontSize(10).fillColor("#444").text(c.shopName, left, 36, { width: width - 130 });
    doc.font("Helvetica-Bold").fontSize(36).fillColor("#000").text(c.job, left, 54, { width: width - 130 });
    doc.image(qr, left + width - 120, 36, { width: 120 });
    doc.font("Helvetica").fontSize(8).fillColor("#444").text("Scan to open the ticket", left + width - 120, 160, { width: 120, align: "center" });
    let y = 190;
    const row = (label: string, value: string) => {
      doc.font("Helvetica-Bold").fontSize(9).fillColor("#444").text(label.toUpperCase(), left, y, { width });
      doc.font("Helvetica").fontSize(12).fillColor("#000").text(value, left, doc.y + 1, { width });
      y = doc.y + 8;
    };
    row("Customer", `${c.customer} · order ${c.orderName}`);
    row("Item", c.item);
    row("Work", c.work);
    row("Promised", c.promised ? `${c.promised}${c.rush ? " — RUSH" : ""}` : "Set when the item is taken in");
    if (c.location) row("Kept at", c.location);
    doc.moveTo(left, y).lineTo(left + width, y).strokeColor("#999").stroke();
    y += 10;
    doc.font("Helvetica-Bold").fontSize(9).fillColor("#444").text("REPAIR TERMS", left, y, { width });
    doc.font("Helvetica").fontSize(8).fillColor("#000");
    const terms = c.terms.length ? c.terms : ["The shop's policy states no repair terms for this work."];
    for (const term of terms) doc.text(term, left, doc.y + 3, { width });
  });
}
