-- AlterTable
ALTER TABLE "AftercareRequest" ADD COLUMN     "moneyDecidedMinor" BIGINT,
ADD COLUMN     "moneyOverrideAt" TIMESTAMP(3),
ADD COLUMN     "moneyOverrideBy" TEXT,
ADD COLUMN     "moneyOverrideMinor" BIGINT,
ADD COLUMN     "moneyOverrideReason" TEXT,
ADD COLUMN     "moneyVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Operation" ALTER COLUMN "amountMinor" SET DATA TYPE BIGINT;
