-- CreateTable
CREATE TABLE "Supervision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matterId" TEXT NOT NULL,
    "opinion" TEXT NOT NULL,
    "periodRule" TEXT,
    "dueOn" TEXT,
    "byId" TEXT,
    "orgId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Supervision_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Instruction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matterId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "byId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Instruction_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    "relatedMatterId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "Matter_issuingOrgId_fkey" FOREIGN KEY ("issuingOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Matter_responsibleOrgId_fkey" FOREIGN KEY ("responsibleOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Matter_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Matter_relatedMatterId_fkey" FOREIGN KEY ("relatedMatterId") REFERENCES "Matter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Matter" ("closedAt", "code", "confidentiality", "createdAt", "createdById", "dueBasis", "dueOn", "dueProvisional", "id", "isOpen", "issuingOrgId", "kind", "meetingId", "originalDueOn", "periodRule", "responsibleOrgId", "servedOn", "status", "summary", "title", "updatedAt", "urgent") SELECT "closedAt", "code", "confidentiality", "createdAt", "createdById", "dueBasis", "dueOn", "dueProvisional", "id", "isOpen", "issuingOrgId", "kind", "meetingId", "originalDueOn", "periodRule", "responsibleOrgId", "servedOn", "status", "summary", "title", "updatedAt", "urgent" FROM "Matter";
DROP TABLE "Matter";
ALTER TABLE "new_Matter" RENAME TO "Matter";
CREATE UNIQUE INDEX "Matter_code_key" ON "Matter"("code");
CREATE INDEX "Matter_responsibleOrgId_status_dueOn_idx" ON "Matter"("responsibleOrgId", "status", "dueOn");
CREATE INDEX "Matter_status_dueOn_idx" ON "Matter"("status", "dueOn");
CREATE INDEX "Matter_isOpen_responsibleOrgId_dueOn_code_idx" ON "Matter"("isOpen", "responsibleOrgId", "dueOn", "code");
CREATE INDEX "Matter_isOpen_dueOn_code_idx" ON "Matter"("isOpen", "dueOn", "code");
CREATE INDEX "Matter_responsibleOrgId_title_idx" ON "Matter"("responsibleOrgId", "title");
CREATE INDEX "Matter_relatedMatterId_idx" ON "Matter"("relatedMatterId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Supervision_matterId_idx" ON "Supervision"("matterId");

-- CreateIndex
CREATE INDEX "Supervision_createdAt_idx" ON "Supervision"("createdAt");

-- CreateIndex
CREATE INDEX "Instruction_matterId_idx" ON "Instruction"("matterId");

