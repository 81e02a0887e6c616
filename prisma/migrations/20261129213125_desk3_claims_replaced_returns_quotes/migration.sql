-- CreateTable
CREATE TABLE "DeskClaim" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "key")
);

-- CreateTable
CREATE TABLE "ReplacedReturn" (
    "shop" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "replacedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "returnId")
);

-- CreateTable
CREATE TABLE "RepairQuote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "staffId" TEXT,
    "staffName" TEXT,
    "draftOrderId" TEXT,
    "invoiceUrl" TEXT,
    "draftKey" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RepairQuote_draftKey_key" ON "RepairQuote"("draftKey");

-- CreateIndex
CREATE INDEX "RepairQuote_shop_requestId_idx" ON "RepairQuote"("shop", "requestId");

-- CreateIndex
CREATE INDEX "RepairQuote_shop_status_idx" ON "RepairQuote"("shop", "status");
