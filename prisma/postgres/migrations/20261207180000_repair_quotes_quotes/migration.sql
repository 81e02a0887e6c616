-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN     "quoteDraftOrderId" TEXT,
ADD COLUMN     "quoteInvoiceUrl" TEXT,
ADD COLUMN     "quoteLinesJson" TEXT,
ADD COLUMN     "quoteOrderId" TEXT,
ADD COLUMN     "quotePaidAt" TIMESTAMP(3),
ADD COLUMN     "quotedAt" TIMESTAMP(3);
