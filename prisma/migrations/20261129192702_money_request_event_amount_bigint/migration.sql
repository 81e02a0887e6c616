-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RequestEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "message" TEXT,
    "amountMinor" BIGINT,
    "currency" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staffId" TEXT,
    "staffName" TEXT,
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    "internal" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RequestEvent" ("actor", "amountMinor", "at", "currency", "dataJson", "id", "internal", "message", "requestId", "shop", "staffId", "staffName", "type") SELECT "actor", "amountMinor", "at", "currency", "dataJson", "id", "internal", "message", "requestId", "shop", "staffId", "staffName", "type" FROM "RequestEvent";
DROP TABLE "RequestEvent";
ALTER TABLE "new_RequestEvent" RENAME TO "RequestEvent";
CREATE INDEX "RequestEvent_shop_requestId_idx" ON "RequestEvent"("shop", "requestId");
CREATE INDEX "RequestEvent_shop_type_at_idx" ON "RequestEvent"("shop", "type", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
