-- CreateTable
CREATE TABLE "RequestParcel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "carrierName" TEXT,
    "trackingNumber" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "postageMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "proofKey" TEXT,
    "repaidMinor" BIGINT NOT NULL DEFAULT 0,
    "decisionJson" TEXT NOT NULL DEFAULT '{}',
    "reverseDeliveryId" TEXT,
    "enteredBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RequestParcel_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RequestParcel_requestId_key" ON "RequestParcel"("requestId");

-- CreateIndex
CREATE INDEX "RequestParcel_shop_requestId_idx" ON "RequestParcel"("shop", "requestId");
