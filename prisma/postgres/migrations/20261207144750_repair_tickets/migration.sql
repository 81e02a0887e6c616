-- CreateTable
CREATE TABLE "RepairCounter" (
    "shop" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "RepairCounter_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "RepairTicket" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'awaiting_item',
    "work" TEXT NOT NULL,
    "itemTitle" TEXT NOT NULL,
    "itemImageUrl" TEXT,
    "currency" TEXT NOT NULL,
    "rush" BOOLEAN NOT NULL DEFAULT false,
    "turnaroundDays" INTEGER,
    "dueOn" TEXT,
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "location" TEXT,
    "intakeDescription" TEXT,
    "intakeCondition" TEXT,
    "declaredValueMinor" BIGINT,
    "intakeInstructions" TEXT,
    "termsAcceptedAt" TIMESTAMP(3),
    "intakeAt" TIMESTAMP(3),
    "intakeStaffName" TEXT,
    "assessmentCause" TEXT,
    "assessmentFindings" TEXT,
    "quoteMinor" BIGINT,
    "quoteDescription" TEXT,
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepairTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RepairTicket_requestId_key" ON "RepairTicket"("requestId");

-- CreateIndex
CREATE INDEX "RepairTicket_shop_state_number_idx" ON "RepairTicket"("shop", "state", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RepairTicket_shop_number_key" ON "RepairTicket"("shop", "number");

-- AddForeignKey
ALTER TABLE "RepairTicket" ADD CONSTRAINT "RepairTicket_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AftercareRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
