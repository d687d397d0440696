-- CreateIndex
CREATE INDEX "Matter_responsibleOrgId_title_idx" ON "Matter"("responsibleOrgId", "title");
