-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN     "allowanceKey" TEXT,
ADD COLUMN     "allowanceUsedAt" TIMESTAMP(3);
