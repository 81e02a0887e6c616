-- AlterTable
ALTER TABLE "RepairTicket" ADD COLUMN "allowanceKey" TEXT;
ALTER TABLE "RepairTicket" ADD COLUMN "allowanceUsedAt" DATETIME;
