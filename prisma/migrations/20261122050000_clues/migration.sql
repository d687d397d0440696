-- CreateTable
CREATE TABLE "Clue" (
    "matterId" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "involved" TEXT NOT NULL DEFAULT '',
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "referrerId" TEXT,
    "handlerName" TEXT,
    "handlerId" TEXT,
    "acceptedOn" TEXT,
    "result" TEXT,
    "resultNote" TEXT,
    "lastActivityAt" DATETIME NOT NULL,
    "referrals" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Clue_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClueStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matterId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "fromOrgId" TEXT,
    "toOrgId" TEXT,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL,
    CONSTRAINT "ClueStep_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ClueStep_matterId_seq_key" ON "ClueStep"("matterId", "seq");

