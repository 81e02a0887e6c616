import PDFDocument from "pdfkit";
import QRCode from "qrcode";

import type { StatusView } from "../schemas/requests";

/** What the slip says: the request as the shop's team quotes it, and where the parcel goes. */
export type SlipInput = {
  /** "R-1042": printed large and as the QR code a scanner types into the desk's search. */
  reference: string;
  orderName: string;
  shopName: string;
  /** The shop's country: a US or Canadian shop prints on Letter paper, everyone else on A4. */
  shopCountry: string | null;
  lines: StatusView["lines"];
  sendTo: NonNullable<StatusView["sendTo"]>;
};

const LETTER_COUNTRIES = new Set(["US", "CA", "MX", "PH", "CL", "CO", "VE"]);

/**
 * The standard PDF fonts write Windows-1252 only: a character outside it (a title in another script)
 * would print as a wrong glyph, so it is shown as "?" and the request's reference, which is always
 * printable, is what identifies the parcel.
 */
function printable(text: string): string {
  return text.replace(/[^\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u20AC]/g, "?");
}

/**
 * The return slip the shopper prints and puts in the parcel (the "dispatch note" the seeds ask
 * for): the request's reference in words and as a QR code, the order, the items and quantities,
 * and the address it goes to. Written for the shop's team who open the parcel, in the shop's
 * language. A one-page PDF (A4 or Letter by the shop's country), made by pdfkit.
 */
export async function returnSlipPdf(input: SlipInput): Promise<Buffer> {
  const size = input.shopCountry && LETTER_COUNTRIES.has(input.shopCountry) ? "LETTER" : "A4";
  const qr = await QRCode.toBuffer(input.reference, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 });
  const doc = new PDFDocument({ size, margin: 56, info: { Title: `Return slip ${input.reference}`, Author: printable(input.shopName), Subject: `Return for order ${input.orderName}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font("Helvetica-Bold").fontSize(22).text("Return slip", left, 56);
  doc.font("Helvetica").fontSize(11).fillColor("#444").text(printable(input.shopName));
  doc.image(qr, left + width - 120, 48, { width: 120, height: 120 });

  doc.moveDown(1.5).fillColor("#000").font("Helvetica-Bold").fontSize(30).text(input.reference, left, 130);
  doc.font("Helvetica").fontSize(12).text(`Order ${printable(input.orderName)}`);

  doc.moveDown(1.5).font("Helvetica-Bold").fontSize(13).text("In this parcel", left, doc.y, { width: width - 140 });
  doc.font("Helvetica").fontSize(12);
  for (const line of input.lines) doc.text(`${line.quantity} × ${printable(line.title)}${line.exchangeVariantTitle ? ` (exchange for ${printable(line.exchangeVariantTitle)})` : ""}`, { width: width - 140 });

  doc.moveDown(1.5).font("Helvetica-Bold").fontSize(13).text("Send to");
  doc.font("Helvetica").fontSize(12);
  for (const line of [input.sendTo.name, ...input.sendTo.lines, input.sendTo.country]) doc.text(printable(line));

  doc.moveDown(1.5).fontSize(10).fillColor("#444").text(printable(input.sendTo.text), { width });
  doc.moveDown(0.5).text(`On receipt, scan the code or search the Aftercare desk for ${input.reference}.`, { width });
  doc.end();
  return done;
}
