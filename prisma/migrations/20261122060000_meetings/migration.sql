-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "memberId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "none" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "memberId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AttendanceReceipt_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT,
    "seriesId" TEXT,
    "title" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "startMinute" INTEGER NOT NULL DEFAULT 570,
    "location" TEXT NOT NULL DEFAULT '',
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "noticeSentAt" DATETIME,
    "resolutions" TEXT NOT NULL DEFAULT '[]',
    "minutes" TEXT NOT NULL DEFAULT '',
    "minutesAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("createdAt", "heldOn", "id", "location", "resolutions", "seriesId", "status", "title") SELECT "createdAt", "heldOn", "id", "location", "resolutions", "seriesId", "status", "title" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_code_key" ON "Meeting"("code");
CREATE TABLE "new_MeetingSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "recurrence" TEXT NOT NULL,
    "months" TEXT NOT NULL DEFAULT '[]',
    "location" TEXT NOT NULL DEFAULT '',
    "nextOn" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_MeetingSeries" ("createdAt", "id", "nextOn", "recurrence", "title") SELECT "createdAt", "id", "nextOn", "recurrence", "title" FROM "MeetingSeries";
DROP TABLE "MeetingSeries";
ALTER TABLE "new_MeetingSeries" RENAME TO "MeetingSeries";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_orgId_idx" ON "AgendaItem"("meetingId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceReceipt_meetingId_orgId_key" ON "AttendanceReceipt"("meetingId", "orgId");

