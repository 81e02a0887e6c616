-- AlterTable
ALTER TABLE "RequestLine" ADD COLUMN     "sendBack" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RequestInspection" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "findingsJson" TEXT NOT NULL,
    "shopperDecisionJson" TEXT,
    "decisionJson" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "staffId" TEXT,
    "staffName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestInspection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RequestInspection_requestId_key" ON "RequestInspection"("requestId");

-- CreateIndex
CREATE INDEX "RequestInspection_shop_requestId_idx" ON "RequestInspection"("shop", "requestId");

-- AddForeignKey
ALTER TABLE "RequestInspection" ADD CONSTRAINT "RequestInspection_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
