-- CreateTable
CREATE TABLE "FlowSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "changedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FlowEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "eventId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" DATETIME,
    "sendingAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RequestHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "reason" TEXT,
    "actionRunId" TEXT NOT NULL,
    "heldAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,
    "releasedBy" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowSubscription_shop_trigger_key" ON "FlowSubscription"("shop", "trigger");

-- CreateIndex
CREATE INDEX "FlowEvent_status_queuedAt_idx" ON "FlowEvent"("status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowEvent_shop_requestId_trigger_key" ON "FlowEvent"("shop", "requestId", "trigger");

-- CreateIndex
CREATE UNIQUE INDEX "RequestHold_shop_requestId_key" ON "RequestHold"("shop", "requestId");
