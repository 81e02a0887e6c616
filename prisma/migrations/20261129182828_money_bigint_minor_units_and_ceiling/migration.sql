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
    "channel" TEXT,
    "number" INTEGER,
    "policyVersionId" TEXT,
    "submitKey" TEXT
);
INSERT INTO "new_AftercareRequest" ("channel", "number", "policyVersionId", "submitKey", "createdAt", "currency", "customerEmail", "customerId", "customerName", "customerNote", "decisionJson", "deliveredAt", "id", "kind", "orderId", "orderName", "redactedAt", "resolution", "service", "shop", "shopifyReturnId", "status", "updatedAt") SELECT "channel", "number", "policyVersionId", "submitKey", "createdAt", "currency", "customerEmail", "customerId", "customerName", "customerNote", "decisionJson", "deliveredAt", "id", "kind", "orderId", "orderName", "redactedAt", "resolution", "service", "shop", "shopifyReturnId", "status", "updatedAt" FROM "AftercareRequest";
DROP TABLE "AftercareRequest";
ALTER TABLE "new_AftercareRequest" RENAME TO "AftercareRequest";
CREATE INDEX "AftercareRequest_shop_status_idx" ON "AftercareRequest"("shop", "status");
CREATE INDEX "AftercareRequest_shop_orderId_idx" ON "AftercareRequest"("shop", "orderId");
CREATE INDEX "AftercareRequest_shop_customerId_idx" ON "AftercareRequest"("shop", "customerId");
CREATE INDEX "AftercareRequest_shop_shopifyReturnId_idx" ON "AftercareRequest"("shop", "shopifyReturnId");
CREATE UNIQUE INDEX "AftercareRequest_shop_number_key" ON "AftercareRequest"("shop", "number");
CREATE UNIQUE INDEX "AftercareRequest_shop_submitKey_key" ON "AftercareRequest"("shop", "submitKey");
CREATE TABLE "new_Operation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT,
    "step" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMinor" BIGINT,
    "currency" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "inputJson" TEXT NOT NULL,
    "shopifyOrderId" TEXT,
    "shopifyTargetId" TEXT,
    "shopifyResultId" TEXT,
    "shopifyStateJson" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Operation" ("amountMinor", "attempts", "completedAt", "createdAt", "currency", "id", "idempotencyKey", "inputJson", "kind", "lastError", "requestId", "sentAt", "shop", "shopifyOrderId", "shopifyResultId", "shopifyStateJson", "shopifyTargetId", "status", "step", "updatedAt") SELECT "amountMinor", "attempts", "completedAt", "createdAt", "currency", "id", "idempotencyKey", "inputJson", "kind", "lastError", "requestId", "sentAt", "shop", "shopifyOrderId", "shopifyResultId", "shopifyStateJson", "shopifyTargetId", "status", "step", "updatedAt" FROM "Operation";
DROP TABLE "Operation";
ALTER TABLE "new_Operation" RENAME TO "Operation";
CREATE UNIQUE INDEX "Operation_idempotencyKey_key" ON "Operation"("idempotencyKey");
CREATE INDEX "Operation_shop_status_idx" ON "Operation"("shop", "status");
CREATE INDEX "Operation_shop_requestId_idx" ON "Operation"("shop", "requestId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
