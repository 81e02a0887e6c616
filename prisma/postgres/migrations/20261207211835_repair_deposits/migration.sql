-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN     "balanceDraftOrderId" TEXT,
ADD COLUMN     "balanceInvoiceUrl" TEXT,
ADD COLUMN     "balanceOrderId" TEXT,
ADD COLUMN     "balancePaidAt" TIMESTAMP(3),
ADD COLUMN     "depositMinor" BIGINT;
