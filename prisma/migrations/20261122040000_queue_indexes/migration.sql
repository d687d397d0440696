-- DropIndex
DROP INDEX "Matter_responsibleOrgId_status_idx";

-- DropIndex
DROP INDEX "PlatformInbox_processedAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT,
    "userId" TEXT,
    "payload" TEXT NOT NULL,
    "matterId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "platformMessageId" TEXT,
    "chatKey" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "chatId", "createdAt", "id", "idempotencyKey", "lastError", "matterId", "nextAttemptAt", "payload", "platform", "platformMessageId", "sentAt", "state", "userId") SELECT "attempts", "chatId", "createdAt", "id", "idempotencyKey", "lastError", "matterId", "nextAttemptAt", "payload", "platform", "platformMessageId", "sentAt", "state", "userId" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");
CREATE INDEX "OutboxMessage_state_createdAt_id_idx" ON "OutboxMessage"("state", "createdAt", "id");
CREATE INDEX "OutboxMessage_state_chatKey_createdAt_id_idx" ON "OutboxMessage"("state", "chatKey", "createdAt", "id");
CREATE INDEX "OutboxMessage_platformMessageId_idx" ON "OutboxMessage"("platformMessageId");
-- each row's chat queue, for the rows written before the column existed
UPDATE "OutboxMessage" SET "chatKey" = "platform" || ':' || COALESCE("chatId", 'user:' || "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Matter_responsibleOrgId_status_dueOn_idx" ON "Matter"("responsibleOrgId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "PlatformInbox_processedAt_receivedAt_idx" ON "PlatformInbox"("processedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "PlatformInbox_receivedAt_idx" ON "PlatformInbox"("receivedAt");

