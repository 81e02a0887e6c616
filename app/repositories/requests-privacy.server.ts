import type { Database } from "../platform/db-client.server";
import { customerFilter, include, toRecord, type CustomerRef, type RequestRecord } from "./requests-model.server";

/** Shopify's privacy webhooks on requests: a customer's data redacted (customers/redact) or exported (customers/data_request). */
export function createRequestPrivacy(db: Database) {
  return {
    /**
     * customers/redact: the customer's personal data goes (name, email, notes, photos); the
     * request, its lines, quantities, reasons, decision and figures stay, anonymised.
     */
    async redactCustomer(shop: string, who: CustomerRef, at: Date): Promise<number> {
      const where = customerFilter(shop, who);
      const found = await db.aftercareRequest.findMany({ where, select: { id: true, customerEmail: true, customerName: true } });
      const ids = found.map((r) => r.id);
      if (!ids.length) return 0;
      // Any other entry of these timelines that still names the customer (written before entries
      // stopped carrying an email address) loses that name or address, in its message and its data.
      const needles = [...new Set([who.email, ...found.flatMap((r) => [r.customerEmail, r.customerName])].map((v) => v?.trim()).filter((v): v is string => Boolean(v && v.length >= 3)))];
      const pattern = needles.length ? new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi") : null;
      const without = (text: string) => (pattern ? text.replace(pattern, "[redacted]") : text);
      const naming = pattern
        ? (await db.requestEvent.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, message: true, dataJson: true } })).filter((e) => without(e.message ?? "") !== (e.message ?? "") || without(e.dataJson) !== e.dataJson)
        : [];
      // The inspection's note and findings are staff words, but written about this customer's
      // piece they may name them: they lose the name or address as timeline entries do.
      const inspections = pattern
        ? (await db.requestInspection.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, note: true, findingsJson: true } })).filter((i) => without(i.note) !== i.note || without(i.findingsJson) !== i.findingsJson)
        : [];
      // The workshop's intake and assessment are about this customer's piece: what the customer
      // stated and asked goes; the staff's findings lose the name or address.
      const tickets = await db.repairTicket.findMany({ where: { shop, requestId: { in: ids } }, select: { id: true, assessmentFindings: true } });
      await db.$transaction([
        // The parcel they sent: its tracking number (which the carrier ties to their address) and
        // the proof-of-postage photo, which the photo sweep then deletes as no longer in use.
        db.requestParcel.updateMany({ where: { shop, requestId: { in: ids } }, data: { trackingNumber: "[redacted]", carrierName: null, proofKey: null } }),
        ...tickets.map((t) =>
          db.repairTicket.updateMany({
            where: { shop, id: t.id },
            data: { intakeDescription: null, intakeCondition: null, intakeInstructions: null, assessmentFindings: t.assessmentFindings === null ? null : without(t.assessmentFindings) },
          }),
        ),
        ...inspections.map((i) => db.requestInspection.updateMany({ where: { shop, id: i.id }, data: { note: without(i.note), findingsJson: without(i.findingsJson) } })),
        db.requestLine.updateMany({ where: { requestId: { in: ids }, request: { shop } }, data: { notes: null, photosJson: "[]" } }),
        ...naming.map((event) => db.requestEvent.updateMany({ where: { shop, id: event.id }, data: { message: event.message === null ? null : without(event.message), dataJson: without(event.dataJson) } })),
        // What the shopper wrote: their own entries, and the note a request opens with (a staff
        // member who logs a request for a shopper records the shopper's words there).
        db.requestEvent.updateMany({ where: { shop, requestId: { in: ids }, OR: [{ actor: "shopper" }, { type: "requested" }] }, data: { message: null } }),
        db.aftercareRequest.updateMany({
          where: { shop, id: { in: ids } },
          data: { customerId: null, customerEmail: null, customerName: null, customerNote: null, redactedAt: at },
        }),
      ]);
      return ids.length;
    },

    /** customers/data_request: everything Aftercare holds about the customer, as plain data. */
    async customerData(shop: string, who: CustomerRef): Promise<RequestRecord[]> {
      const rows = await db.aftercareRequest.findMany({ where: customerFilter(shop, who), include, orderBy: { createdAt: "asc" } });
      return rows.map(toRecord);
    },
  };
}
