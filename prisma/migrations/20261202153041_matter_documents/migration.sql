-- AlterTable
ALTER TABLE "Matter" ADD COLUMN "documents" TEXT NOT NULL DEFAULT '[]';
