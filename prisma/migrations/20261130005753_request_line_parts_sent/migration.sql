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
    CONSTRAINT "RequestLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RequestLine" ("cause", "conditionJson", "exchangeVariantId", "exchangeVariantTitle", "fulfillmentLineItemId", "id", "lineItemId", "notes", "photosJson", "quantity", "reason", "requestId", "title") SELECT "cause", "conditionJson", "exchangeVariantId", "exchangeVariantTitle", "fulfillmentLineItemId", "id", "lineItemId", "notes", "photosJson", "quantity", "reason", "requestId", "title" FROM "RequestLine";
DROP TABLE "RequestLine";
ALTER TABLE "new_RequestLine" RENAME TO "RequestLine";
CREATE INDEX "RequestLine_requestId_idx" ON "RequestLine"("requestId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
