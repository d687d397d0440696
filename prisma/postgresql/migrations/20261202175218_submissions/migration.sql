-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT 'file',
    "items" TEXT NOT NULL DEFAULT '[]',
    "dueOn" TEXT NOT NULL,
    "collectorOrgId" TEXT NOT NULL,
    "collectorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "collectedAt" TIMESTAMP(3),

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionReturn" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "receivedOn" TEXT,
    "firstOn" TEXT,
    "receivedAt" TIMESTAMP(3),
    "memberId" TEXT,
    "content" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "SubmissionReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Submission_code_key" ON "Submission"("code");

-- CreateIndex
CREATE INDEX "SubmissionReturn_orgId_idx" ON "SubmissionReturn"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionReturn_submissionId_orgId_key" ON "SubmissionReturn"("submissionId", "orgId");

-- AddForeignKey
ALTER TABLE "SubmissionReturn" ADD CONSTRAINT "SubmissionReturn_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

