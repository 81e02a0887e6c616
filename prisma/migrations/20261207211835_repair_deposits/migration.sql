-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN "balanceDraftOrderId" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "balanceInvoiceUrl" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "balanceOrderId" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "balancePaidAt" DATETIME;
ALTER TABLE "RepairTicket" ADD COLUMN "depositMinor" BIGINT;
