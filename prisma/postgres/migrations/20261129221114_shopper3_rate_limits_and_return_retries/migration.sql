-- AlterTable
ALTER TABLE "AftercareRequest" ADD COLUMN     "returnAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "returnError" TEXT,
ADD COLUMN     "returnRetryAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimiterFlexible_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AftercareRequest_returnRetryAt_idx" ON "AftercareRequest"("returnRetryAt");
