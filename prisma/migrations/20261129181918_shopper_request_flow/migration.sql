-- AlterTable
ALTER TABLE "AftercareRequest" ADD COLUMN "channel" TEXT;
ALTER TABLE "AftercareRequest" ADD COLUMN "number" INTEGER;
ALTER TABLE "AftercareRequest" ADD COLUMN "policyVersionId" TEXT;
ALTER TABLE "AftercareRequest" ADD COLUMN "submitKey" TEXT;

-- AlterTable
ALTER TABLE "RequestLine" ADD COLUMN "exchangeVariantId" TEXT;
ALTER TABLE "RequestLine" ADD COLUMN "exchangeVariantTitle" TEXT;

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "message" TEXT,
    "amountMinor" INTEGER,
    "currency" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RequestEvent_shop_requestId_idx" ON "RequestEvent"("shop", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "AftercareRequest_shop_number_key" ON "AftercareRequest"("shop", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AftercareRequest_shop_submitKey_key" ON "AftercareRequest"("shop", "submitKey");
