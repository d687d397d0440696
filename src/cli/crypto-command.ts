// `liandong crypto init | status | seal | rotate`: the data key that seals restricted content at
// rest (SM4, src/store/sealed.ts). The key is never printed, logged or written to the database.
//
// rotate, beside a running bot: (1) a new key is added to the key ring file and made current, the
// old ones kept as "retiring" — the bot reads the file again when it changes, seals under the new
// key from its next write and still opens the old; (2) every value an old key sealed is sealed
// again, in batches of their own transactions, each row only if unchanged meanwhile; (3) after a
// pause (a transaction that sealed under the old key just before the switch has committed), a
// last look; when nothing is left under an old key, the old keys leave the file. Killed at any
// point (kill -9), the same command carries on where it stopped: the file still names the keys
// retiring, and a row resealed is not touched again.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config/env.js';
import { KEY_ID, newDataKey } from '../domain/sm4-seal.js';
import { openDb } from '../store/db.js';
import { configureSealing, readKeyRingFile, writeKeyRingFile } from '../store/sealed.js';
import { resealUnder, sealedCounts, sealPlaintext, truncateWal } from '../store/sealed-rows.js';
import { parse } from './args.js';
import { type Io, UsageError } from './io.js';

export const CRYPTO_HELP = [
  '用法：liandong crypto init [--out 文件] [--key-id 密钥号] | status | seal | rotate [--key-id 密钥号] [--grace 秒]',
  'init：生成数据密钥文件（只许本账号读取），再把 LIANDONG_DATA_KEY_FILE 指向它；密钥不显示、不进数据库，请另行备份。',
  'status：各密钥加密的内容有多少项，以及仍为明文的控制知悉内容。',
  'seal：立即把仍为明文的控制知悉内容加密（启动时也会自动执行）。',
  'rotate：换用新密钥并把已加密内容全部改用新密钥，机器人可照常运行；中断后再执行一次即继续。',
];

const DEFAULT_KEY_FILE = 'data/liandong-data-key.json';

function keyFile(): string {
  const file = readConfig().dataKeys?.file;
  if (!file)
    throw new UsageError('未配置密钥文件：请在 .env 中设置 LIANDONG_DATA_KEY_FILE（可先用 liandong crypto init 生成）');
  return file;
}

function newKeyId(taken: Set<string>, asked?: string): string {
  if (asked !== undefined) {
    if (!KEY_ID.test(asked)) throw new UsageError(`密钥号只能含字母、数字、- 和 _（至多 32 个字符），收到 "${asked}"`);
    if (taken.has(asked)) throw new UsageError(`密钥号 ${asked} 已在密钥文件中，请换一个`);
    return asked;
  }
  const base = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function init(io: Io, out: string | undefined, keyId: string | undefined): number {
  const file = path.resolve(out ?? DEFAULT_KEY_FILE);
  if (existsSync(file)) throw new UsageError(`${file} 已存在：不会覆盖已有的密钥（覆盖会使已加密内容无法解密）`);
  const id = newKeyId(new Set(), keyId);
  writeKeyRingFile(file, { current: id, keys: new Map([[id, newDataKey()]]) });
  io.out(`已生成数据密钥文件：${file}（密钥号 ${id}，仅本账号可读）`);
  io.out(`请在 .env 中写 LIANDONG_DATA_KEY_FILE=${file}，并把该文件另行备份（丢失后已加密内容无法恢复）。`);
  return 0;
}

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const config = readConfig();
  configureSealing(config.dataKeys ?? {});
  const db = await openDb(config.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

async function status(io: Io): Promise<number> {
  return withDb(async (db) => {
    const file = readConfig().dataKeys?.file;
    if (file) {
      const { ring, retiring } = readKeyRingFile(file);
      io.out(
        `密钥文件：${file}；当前密钥 ${ring.current}；共 ${ring.keys.size} 把${retiring.length ? `（轮换未完成，待停用：${retiring.join('、')}）` : ''}`,
      );
    }
    const { byKey, plain } = await sealedCounts(db);
    const keys = Object.entries(byKey);
    io.out(keys.length ? `已加密：${keys.map(([k, n]) => `${k} ${n} 项`).join('，')}` : '已加密：无');
    io.out(`仍为明文的控制知悉内容：${plain} 项`);
    return plain ? 1 : 0;
  });
}

async function sealNow(io: Io): Promise<number> {
  keyFileOrInline();
  return withDb(async (db) => {
    const { sealed, walTruncated } = await sealPlaintext(db);
    io.out(
      `已加密 ${sealed} 项${sealed && !walTruncated ? '；WAL 正被机器人读取，暂未截断（机器人下次启动时清除）' : ''}`,
    );
    return 0;
  });
}

function keyFileOrInline(): void {
  const k = readConfig().dataKeys;
  if (!k?.file && !k?.inline)
    throw new UsageError(
      '未配置数据密钥：请设置 LIANDONG_DATA_KEY_FILE（liandong crypto init 生成）或 LIANDONG_DATA_KEY',
    );
}

async function rotate(io: Io, keyId: string | undefined, graceSeconds: number): Promise<number> {
  const file = keyFile();
  let { ring, retiring } = readKeyRingFile(file);
  if (retiring.length) {
    if (keyId !== undefined && keyId !== ring.current)
      throw new UsageError(`上次的轮换（新密钥 ${ring.current}）尚未完成：请不带 --key-id 再执行一次，先把它做完`);
    io.out(`继续上次未完成的轮换：当前密钥 ${ring.current}，待停用 ${retiring.join('、')}`);
  } else {
    const id = newKeyId(new Set(ring.keys.keys()), keyId);
    retiring = [...ring.keys.keys()];
    ring = { current: id, keys: new Map([...ring.keys, [id, newDataKey()]]) };
    writeKeyRingFile(file, ring, retiring);
    io.out(`新密钥 ${id} 已写入 ${file} 并设为当前密钥；旧密钥 ${retiring.join('、')} 保留到轮换结束`);
  }
  return withDb(async (db) => {
    const progress = (table: string, column: string, n: number) => io.out(`  ${table}.${column}：${n} 项`);
    let total = 0;
    for (let round = 0; round < 2; round++) {
      const r = await resealUnder(db, ring.current, progress);
      total += r.resealed;
      if (r.unreadable) {
        io.err(
          `有 ${r.unreadable} 项内容用本机没有的密钥加密，无法改用新密钥：旧密钥仍保留在密钥文件中，请补回缺少的密钥后再执行`,
        );
        return 1;
      }
      // a write the bot began under the old key just before it read the new file
      if (round === 0) await new Promise((r) => setTimeout(r, graceSeconds * 1000));
    }
    writeKeyRingFile(file, { current: ring.current, keys: new Map([[ring.current, ring.keys.get(ring.current)!]]) });
    await truncateWal(db);
    io.out(`轮换完成：${total} 项已改用密钥 ${ring.current}，旧密钥 ${retiring.join('、')} 已从密钥文件删除。`);
    io.out('轮换前的备份仍需旧密钥才能读取：如要保留这些备份，请把旧密钥文件与备份一同保管。');
    return 0;
  });
}

export async function cryptoCli(io: Io, rest: string[]): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    for (const line of CRYPTO_HELP) io.out(line);
    return 0;
  }
  const options = { out: { type: 'string' }, 'key-id': { type: 'string' }, grace: { type: 'string' } } as const;
  const values = parse(CRYPTO_HELP, args, options, 'init [--out 文件] | status | seal | rotate [--key-id 密钥号]', io);
  if (!values) return 0;
  const keyId = values['key-id'] as string | undefined;
  if (sub === 'init') return init(io, values.out as string | undefined, keyId);
  if (sub === 'status') return status(io);
  if (sub === 'seal') return sealNow(io);
  if (sub === 'rotate') {
    const grace = values.grace === undefined ? 3 : Number(values.grace);
    if (!Number.isFinite(grace) || grace < 0 || grace > 600) throw new UsageError('--grace 应为 0–600 之间的秒数');
    return rotate(io, keyId, grace);
  }
  throw new UsageError(`未知的 crypto 子命令 "${sub}"：可用 init、status、seal、rotate`);
}
