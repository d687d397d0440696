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

-- DropIndex
DROP INDEX "ScheduledJob_state_dueAt_idx";

-- CreateIndex
CREATE INDEX "ScheduledJob_state_dueAt_createdAt_idx" ON "ScheduledJob"("state", "dueAt", "createdAt");


-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Matter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "confidentiality" TEXT NOT NULL DEFAULT 'internal',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "issuingOrgId" TEXT NOT NULL,
    "responsibleOrgId" TEXT NOT NULL,
    "servedOn" TEXT NOT NULL,
    "periodRule" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "originalDueOn" TEXT NOT NULL,
    "dueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "dueBasis" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registered',
    "isOpen" BOOLEAN NOT NULL DEFAULT true,
    "meetingId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "Matter_issuingOrgId_fkey" FOREIGN KEY ("issuingOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Matter_responsibleOrgId_fkey" FOREIGN KEY ("responsibleOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Matter_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Matter" ("closedAt", "code", "confidentiality", "createdAt", "createdById", "dueBasis", "dueOn", "dueProvisional", "id", "issuingOrgId", "kind", "meetingId", "originalDueOn", "periodRule", "responsibleOrgId", "servedOn", "status", "summary", "title", "updatedAt", "urgent") SELECT "closedAt", "code", "confidentiality", "createdAt", "createdById", "dueBasis", "dueOn", "dueProvisional", "id", "issuingOrgId", "kind", "meetingId", "originalDueOn", "periodRule", "responsibleOrgId", "servedOn", "status", "summary", "title", "updatedAt", "urgent" FROM "Matter";
DROP TABLE "Matter";
ALTER TABLE "new_Matter" RENAME TO "Matter";
CREATE UNIQUE INDEX "Matter_code_key" ON "Matter"("code");
CREATE INDEX "Matter_responsibleOrgId_status_dueOn_idx" ON "Matter"("responsibleOrgId", "status", "dueOn");
CREATE INDEX "Matter_status_dueOn_idx" ON "Matter"("status", "dueOn");
CREATE INDEX "Matter_isOpen_responsibleOrgId_dueOn_code_idx" ON "Matter"("isOpen", "responsibleOrgId", "dueOn", "code");
CREATE INDEX "Matter_isOpen_dueOn_code_idx" ON "Matter"("isOpen", "dueOn", "code");
-- closed and withdrawn matters are not open
UPDATE "Matter" SET "isOpen" = false WHERE "status" IN ('closed', 'withdrawn');
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScheduledJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "matterId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "payload" TEXT NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firedAt" DATETIME,
    CONSTRAINT "ScheduledJob_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ScheduledJob" ("createdAt", "dueAt", "firedAt", "id", "idempotencyKey", "kind", "matterId", "payload", "state") SELECT "createdAt", "dueAt", "firedAt", "id", "idempotencyKey", "kind", "matterId", "payload", "state" FROM "ScheduledJob";
DROP TABLE "ScheduledJob";
ALTER TABLE "new_ScheduledJob" RENAME TO "ScheduledJob";
CREATE UNIQUE INDEX "ScheduledJob_idempotencyKey_key" ON "ScheduledJob"("idempotencyKey");
CREATE INDEX "ScheduledJob_state_dueAt_createdAt_idx" ON "ScheduledJob"("state", "dueAt", "createdAt");
CREATE INDEX "ScheduledJob_matterId_state_idx" ON "ScheduledJob"("matterId", "state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

