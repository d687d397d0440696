-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "noticeKind" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_chatKey_sentAt_idx" ON "OutboxMessage"("chatKey", "sentAt");
