-- CreateTable
CREATE TABLE "DeskEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "staffName" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeskEvent_shop_requestId_at_idx" ON "DeskEvent"("shop", "requestId", "at");

-- CreateIndex
CREATE INDEX "DeskEvent_shop_type_at_idx" ON "DeskEvent"("shop", "type", "at");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_createdAt_id_idx" ON "AftercareRequest"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_status_createdAt_id_idx" ON "AftercareRequest"("shop", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_kind_createdAt_id_idx" ON "AftercareRequest"("shop", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AftercareRequest_shop_orderName_idx" ON "AftercareRequest"("shop", "orderName");
