-- CreateTable
CREATE TABLE "RequestInspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "findingsJson" TEXT NOT NULL,
    "shopperDecisionJson" TEXT,
    "decisionJson" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "staffId" TEXT,
    "staffName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestInspection_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RequestLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "fulfillmentLineItemId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "cause" TEXT,
    "conditionJson" TEXT NOT NULL DEFAULT '{}',
    "notes" TEXT,
    "photosJson" TEXT NOT NULL DEFAULT '[]',
    "exchangeVariantId" TEXT,
    "exchangeVariantTitle" TEXT,
    "partsSent" INTEGER NOT NULL DEFAULT 0,
    "sendBack" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "RequestLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RequestLine" ("cause", "conditionJson", "exchangeVariantId", "exchangeVariantTitle", "fulfillmentLineItemId", "id", "lineItemId", "notes", "partsSent", "photosJson", "quantity", "reason", "requestId", "title") SELECT "cause", "conditionJson", "exchangeVariantId", "exchangeVariantTitle", "fulfillmentLineItemId", "id", "lineItemId", "notes", "partsSent", "photosJson", "quantity", "reason", "requestId", "title" FROM "RequestLine";
DROP TABLE "RequestLine";
ALTER TABLE "new_RequestLine" RENAME TO "RequestLine";
CREATE INDEX "RequestLine_requestId_idx" ON "RequestLine"("requestId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RequestInspection_requestId_key" ON "RequestInspection"("requestId");

-- CreateIndex
CREATE INDEX "RequestInspection_shop_requestId_idx" ON "RequestInspection"("shop", "requestId");
