-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "setsDueOn" TEXT;

