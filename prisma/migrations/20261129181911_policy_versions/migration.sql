-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "documentJson" TEXT NOT NULL,
    "note" TEXT,
    "restoredFrom" INTEGER,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyScenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scenarioJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PolicyVersion_shop_status_idx" ON "PolicyVersion"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_shop_number_key" ON "PolicyVersion"("shop", "number");

-- CreateIndex
CREATE INDEX "PolicyScenario_shop_idx" ON "PolicyScenario"("shop");
