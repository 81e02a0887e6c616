-- CreateTable
CREATE TABLE "GuestCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "guestLookup" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "GuestCode_shop_expiresAt_idx" ON "GuestCode"("shop", "expiresAt");
