-- CreateTable
CREATE TABLE "Lawsuit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matterId" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "court" TEXT NOT NULL DEFAULT '',
    "copyReceivedOn" TEXT NOT NULL,
    "defendedOn" TEXT,
    "hearingOn" TEXT,
    "hearingTime" TEXT NOT NULL DEFAULT '',
    "headRequired" BOOLEAN NOT NULL DEFAULT false,
    "headBasis" TEXT NOT NULL DEFAULT '',
    "headSetById" TEXT,
    "headMemberId" TEXT,
    "appearance" TEXT,
    "appearedName" TEXT NOT NULL DEFAULT '',
    "appearedPost" TEXT NOT NULL DEFAULT '',
    "entrustReason" TEXT NOT NULL DEFAULT '',
    "explanationFiled" BOOLEAN,
    "receiptOn" TEXT,
    "judgmentKind" TEXT,
    "judgmentResult" TEXT NOT NULL DEFAULT '',
    "judgmentServedOn" TEXT,
    "secondInstance" BOOLEAN NOT NULL DEFAULT false,
    "appealDueOn" TEXT,
    "appealedOn" TEXT,
    "finalOn" TEXT,
    "complianceMatterId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matterId" TEXT NOT NULL,
    "variant" TEXT NOT NULL DEFAULT 'consultation',
    "askerId" TEXT,
    "question" TEXT NOT NULL,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "hearingOn" TEXT,
    "hearingTime" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "attendMode" TEXT NOT NULL DEFAULT '',
    "answer" TEXT,
    "answerFiles" TEXT NOT NULL DEFAULT '[]',
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "answeredOn" TEXT,
    "attendees" TEXT NOT NULL DEFAULT '',
    "meetingCode" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Lawsuit_matterId_key" ON "Lawsuit"("matterId");

-- CreateIndex
CREATE INDEX "Lawsuit_caseNumber_idx" ON "Lawsuit"("caseNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_matterId_key" ON "Consultation"("matterId");

-- CreateIndex
CREATE INDEX "Consultation_askerId_idx" ON "Consultation"("askerId");

