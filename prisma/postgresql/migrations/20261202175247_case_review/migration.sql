-- CreateTable
CREATE TABLE "CaseReview" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "ratio" INTEGER NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'quarter',
    "periodFrom" TEXT NOT NULL,
    "periodTo" TEXT NOT NULL,
    "listDueOn" TEXT NOT NULL,
    "resultDueOn" TEXT NOT NULL,
    "reviewerOrgIds" TEXT NOT NULL DEFAULT '[]',
    "agencyOrgIds" TEXT NOT NULL DEFAULT '[]',
    "keyCases" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'collecting',
    "drawnAt" TIMESTAMP(3),
    "reportedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReviewList" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "fileRef" TEXT NOT NULL DEFAULT '',
    "checksum" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "memberId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "seed" TEXT,
    "drawnAt" TIMESTAMP(3),

    CONSTRAINT "CaseReviewList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReviewFile" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "caseName" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "closedOn" TEXT NOT NULL DEFAULT '',
    "handler" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "reviewerOrgId" TEXT NOT NULL,
    "result" TEXT,
    "problems" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "resultById" TEXT,
    "resultAt" TIMESTAMP(3),
    "taskId" TEXT,

    CONSTRAINT "CaseReviewFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseReview_code_key" ON "CaseReview"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewList_reviewId_orgId_key" ON "CaseReviewList"("reviewId", "orgId");

-- CreateIndex
CREATE INDEX "CaseReviewFile_reviewId_reviewerOrgId_idx" ON "CaseReviewFile"("reviewId", "reviewerOrgId");

-- CreateIndex
CREATE INDEX "CaseReviewFile_orgId_result_idx" ON "CaseReviewFile"("orgId", "result");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReviewFile_reviewId_orgId_caseNo_key" ON "CaseReviewFile"("reviewId", "orgId", "caseNo");

-- AddForeignKey
ALTER TABLE "CaseReviewList" ADD CONSTRAINT "CaseReviewList_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "CaseReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReviewFile" ADD CONSTRAINT "CaseReviewFile_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "CaseReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReviewFile" ADD CONSTRAINT "CaseReviewFile_listId_fkey" FOREIGN KEY ("listId") REFERENCES "CaseReviewList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

