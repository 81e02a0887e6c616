-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "guestLookup" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "GuestCode" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuestCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuestCode_shop_expiresAt_idx" ON "GuestCode"("shop", "expiresAt");
