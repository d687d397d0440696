-- CreateTable
CREATE TABLE "PlatformInbox" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "processedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "PlatformInbox_processedAt_idx" ON "PlatformInbox"("processedAt");

