-- AlterTable
ALTER TABLE "AftercareRequest" ADD COLUMN     "channel" TEXT,
ADD COLUMN     "number" INTEGER,
ADD COLUMN     "policyVersionId" TEXT,
ADD COLUMN     "submitKey" TEXT;

-- AlterTable
ALTER TABLE "RequestLine" ADD COLUMN     "exchangeVariantId" TEXT,
ADD COLUMN     "exchangeVariantTitle" TEXT;

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "message" TEXT,
    "amountMinor" INTEGER,
    "currency" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestEvent_shop_requestId_idx" ON "RequestEvent"("shop", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "AftercareRequest_shop_number_key" ON "AftercareRequest"("shop", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AftercareRequest_shop_submitKey_key" ON "AftercareRequest"("shop", "submitKey");

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
