-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN "quoteDraftOrderId" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "quoteInvoiceUrl" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "quoteLinesJson" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "quoteOrderId" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "quotePaidAt" DATETIME;
ALTER TABLE "RepairTicket" ADD COLUMN "quotedAt" DATETIME;
