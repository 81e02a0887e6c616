-- AlterTable
ALTER TABLE "RequestEvent" ALTER COLUMN "amountMinor" SET DATA TYPE BIGINT;
