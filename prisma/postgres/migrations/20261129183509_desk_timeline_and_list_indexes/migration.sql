-- AlterTable
ALTER TABLE "RequestEvent" ADD COLUMN     "dataJson" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "internal" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "staffId" TEXT,
ADD COLUMN     "staffName" TEXT;

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_createdAt_id_idx" ON "AftercareRequest"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_status_createdAt_id_idx" ON "AftercareRequest"("shop", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_kind_createdAt_id_idx" ON "AftercareRequest"("shop", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_orderName_idx" ON "AftercareRequest"("shop", "orderName");

-- CreateIndex
CREATE INDEX "RequestEvent_shop_type_at_idx" ON "RequestEvent"("shop", "type", "at");
