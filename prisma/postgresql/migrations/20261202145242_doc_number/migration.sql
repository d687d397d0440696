-- AlterTable
ALTER TABLE "Matter" ADD COLUMN     "docNumber" TEXT;

-- CreateIndex
CREATE INDEX "Matter_docNumber_idx" ON "Matter"("docNumber");

