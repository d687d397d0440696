-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "orgIds" TEXT NOT NULL DEFAULT '[]',
    "selfDueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CampaignReturn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "checked" INTEGER NOT NULL,
    "problems" INTEGER NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "memberId" TEXT,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "CampaignReturn_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CampaignInspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "orgIds" TEXT NOT NULL DEFAULT '[]',
    "sampled" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CampaignInspection_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CampaignFinding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "orgId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "matterId" TEXT,
    "matterKind" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CampaignFinding_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_code_key" ON "Campaign"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignReturn_campaignId_orgId_key" ON "CampaignReturn"("campaignId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignFinding_campaignId_seq_key" ON "CampaignFinding"("campaignId", "seq");

