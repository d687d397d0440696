-- AlterTable
ALTER TABLE "Matter" ADD COLUMN     "relatedMatterId" TEXT;

-- CreateTable
CREATE TABLE "Supervision" (
    "id" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "opinion" TEXT NOT NULL,
    "periodRule" TEXT,
    "dueOn" TEXT,
    "byId" TEXT,
    "orgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Supervision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instruction" (
    "id" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "byId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Instruction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Supervision_matterId_idx" ON "Supervision"("matterId");

-- CreateIndex
CREATE INDEX "Supervision_createdAt_idx" ON "Supervision"("createdAt");

-- CreateIndex
CREATE INDEX "Instruction_matterId_idx" ON "Instruction"("matterId");

-- CreateIndex
CREATE INDEX "Matter_relatedMatterId_idx" ON "Matter"("relatedMatterId");

-- AddForeignKey
ALTER TABLE "Matter" ADD CONSTRAINT "Matter_relatedMatterId_fkey" FOREIGN KEY ("relatedMatterId") REFERENCES "Matter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Supervision" ADD CONSTRAINT "Supervision_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "Matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

