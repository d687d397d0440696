-- CreateTable
CREATE TABLE "SandboxMessage" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "fromBot" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "card" TEXT,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "quoteId" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMessage_id_key" ON "SandboxMessage"("id");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMessage_idempotencyKey_key" ON "SandboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SandboxMessage_chatId_seq_idx" ON "SandboxMessage"("chatId", "seq");

