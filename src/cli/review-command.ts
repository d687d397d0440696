// `liandong review verify PC-2026-001`: draws every list of a case-file review again from what is stored —
// the uploaded workbook's checksum checked against its bytes, the seed from the plan's code and that
// checksum, the sample by the published algorithm (README「案卷评查的抽取方法」) — and says, list by list,
// whether it is the sample recorded. Exit code 0 when all match, 1 when any does not.
import { readFileSync } from 'node:fs';
import { readConfig } from '../config/env.js';
import { type ListedFile, listChecksum } from '../domain/review-draw.js';
import { verifyDraw } from '../domain/review-verify.js';
import { openDb } from '../store/db.js';
import { storedFile } from '../store/files.js';
import { filesOf, listRowsOf, listsOf, orgNamesOf, reviewByCode } from '../store/review.js';
import { type Io, UsageError } from './io.js';

export async function reviewCommand(io: Io, sub: string | undefined, code: string | undefined): Promise<number> {
  if (sub !== 'verify' || !code) throw new UsageError('用法：liandong review verify PC-2026-001');
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const r = await reviewByCode(db, code.trim().toUpperCase());
    if (!r) throw new UsageError(`没有编号为 ${code} 的评查计划`);
    const names = await orgNamesOf(db);
    const files = await filesOf(db, r.id);
    const keys = JSON.parse(r.keyCases) as Array<{ orgId: string; caseNo: string }>;
    let ok = true;
    const drawn = (await listsOf(db, r.id)).filter((l) => l.drawnAt);
    io.out(`${r.code}（${r.quarter}，比例 ${r.ratio}%）：已抽取的名单 ${drawn.length} 份`);
    for (const l of drawn) {
      const stored = await storedFile(db, config.filesDir, l.fileRef);
      const fileOk = stored ? listChecksum(readFileSync(stored.absolutePath)) === l.checksum : undefined;
      const v = verifyDraw(
        r.code,
        r.ratio,
        {
          checksum: l.checksum,
          rows: listRowsOf(l) as ListedFile[],
          keyCaseNos: keys.filter((k) => k.orgId === l.orgId).map((k) => k.caseNo),
        },
        { seed: l.seed, files: files.filter((f) => f.listId === l.id) },
      );
      const match = v.seedMatches && v.sampleMatches && fileOk !== false;
      ok &&= match;
      const unit = names.get(l.orgId) ?? l.orgId;
      const file = fileOk === undefined ? '名单文件未保存' : fileOk ? '名单文件校验值一致' : '名单文件校验值不一致';
      io.out(
        `${match ? '一致' : '不一致'}  ${unit}：名单 ${l.count} 卷，抽取 ${v.expected.length} 卷；${file}；种子 ${v.seedMatches ? '一致' : '不一致'}`,
      );
      if (!v.sampleMatches) {
        io.out(`  重新抽取：${v.expected.join('，') || '（无）'}`);
        io.out(`  记录在案：${v.stored.join('，') || '（无）'}`);
      }
    }
    io.out(ok ? '复核结果：抽取结果与记录一致。' : '复核结果：抽取结果与记录不一致。');
    return ok ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}
