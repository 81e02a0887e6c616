import { join } from "node:path";

/** A PDF's page count, its first page's size in points and its text, read back with pdf.js. */
export async function readPdf(data: Uint8Array): Promise<{ pages: number; size: number[]; text: string }> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const standardFontDataUrl = `${join(process.cwd(), "node_modules", "pdfjs-dist", "standard_fonts")}/`;
  const doc = await getDocument({ data, standardFontDataUrl, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ("str" in item ? item.str : "")).join("\n");
  const [, , width, height] = page.view;
  await doc.destroy();
  return { pages: doc.numPages, size: [width, height], text };
}
