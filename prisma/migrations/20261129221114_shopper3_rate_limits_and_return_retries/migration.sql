-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AftercareRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "customerNote" TEXT,
    "kind" TEXT NOT NULL,
    "service" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "resolution" TEXT,
    "currency" TEXT NOT NULL,
    "decisionJson" TEXT,
    "shopifyReturnId" TEXT,
    "deliveredAt" DATETIME,
    "moneyDecidedMinor" BIGINT,
    "moneyOverrideMinor" BIGINT,
    "moneyOverrideReason" TEXT,
    "moneyOverrideBy" TEXT,
    "moneyOverrideAt" DATETIME,
    "moneyVersion" INTEGER NOT NULL DEFAULT 0,
    "redactedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "number" INTEGER,
    "policyVersionId" TEXT,
    "submitKey" TEXT,
    "channel" TEXT,
    "returnError" TEXT,
    "returnAttempts" INTEGER NOT NULL DEFAULT 0,
    "returnRetryAt" DATETIME
);
INSERT INTO "new_AftercareRequest" ("channel", "createdAt", "currency", "customerEmail", "customerId", "customerName", "customerNote", "decisionJson", "deliveredAt", "id", "kind", "moneyDecidedMinor", "moneyOverrideAt", "moneyOverrideBy", "moneyOverrideMinor", "moneyOverrideReason", "moneyVersion", "number", "orderId", "orderName", "policyVersionId", "redactedAt", "resolution", "service", "shop", "shopifyReturnId", "status", "submitKey", "updatedAt") SELECT "channel", "createdAt", "currency", "customerEmail", "customerId", "customerName", "customerNote", "decisionJson", "deliveredAt", "id", "kind", "moneyDecidedMinor", "moneyOverrideAt", "moneyOverrideBy", "moneyOverrideMinor", "moneyOverrideReason", "moneyVersion", "number", "orderId", "orderName", "policyVersionId", "redactedAt", "resolution", "service", "shop", "shopifyReturnId", "status", "submitKey", "updatedAt" FROM "AftercareRequest";
DROP TABLE "AftercareRequest";
ALTER TABLE "new_AftercareRequest" RENAME TO "AftercareRequest";
CREATE INDEX "AftercareRequest_shop_status_idx" ON "AftercareRequest"("shop", "status");
CREATE INDEX "AftercareRequest_shop_orderId_idx" ON "AftercareRequest"("shop", "orderId");
CREATE INDEX "AftercareRequest_shop_customerId_idx" ON "AftercareRequest"("shop", "customerId");
CREATE INDEX "AftercareRequest_shop_shopifyReturnId_idx" ON "AftercareRequest"("shop", "shopifyReturnId");
CREATE INDEX "AftercareRequest_shop_createdAt_id_idx" ON "AftercareRequest"("shop", "createdAt", "id");
CREATE INDEX "AftercareRequest_shop_status_createdAt_id_idx" ON "AftercareRequest"("shop", "status", "createdAt", "id");
CREATE INDEX "AftercareRequest_shop_kind_createdAt_id_idx" ON "AftercareRequest"("shop", "kind", "createdAt", "id");
CREATE INDEX "AftercareRequest_shop_orderName_idx" ON "AftercareRequest"("shop", "orderName");
CREATE INDEX "AftercareRequest_returnRetryAt_idx" ON "AftercareRequest"("returnRetryAt");
CREATE UNIQUE INDEX "AftercareRequest_shop_number_key" ON "AftercareRequest"("shop", "number");
CREATE UNIQUE INDEX "AftercareRequest_shop_submitKey_key" ON "AftercareRequest"("shop", "submitKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
