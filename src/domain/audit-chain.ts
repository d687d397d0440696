// 审计链: the audit rows as a hash chain, so that a row changed, removed or inserted shows.
// 《信息安全技术 网络安全等级保护基本要求》(GB/T 22239-2019) 第三级 安全审计: 应对审计记录进行保护，
// 定期备份，避免受到未预期的删除、修改或覆盖等; 数据完整性: 应采用校验技术或密码技术保证重要数据在
// 存储过程中的完整性. Each link is SM3 (GB/T 32905-2016) of the row's canonical content and of the
// previous link; each also carries an HMAC-SM3 under a key kept outside the database, so that rewriting
// the whole chain needs the key too. Pure: the rows and the key come in, a verdict goes out.
import { createHash, createHmac } from 'node:crypto';

/** The link before the first row (and the start of an empty chain). */
export const GENESIS = '0'.repeat(64);

/** The content of one audit row that its link covers: everything but the link itself. */
export interface LinkContent {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actor: string;
  action: string;
  subject: string | null;
  /** the JSON text as stored */
  detail: string;
}

/** A row as read back: its content and its stored link (null for a row written before the chain). */
export interface StoredLink extends Omit<LinkContent, 'seq'> {
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  mac: string | null;
}

export const sm3 = (text: string): string => createHash('sm3').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer, text: string): string => createHmac('sm3', key).update(text, 'utf8').digest('hex');

/** The row's content as one text, field by field in a fixed order (JSON: unambiguous, any character). */
export function canonical(row: LinkContent): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.at.toISOString(),
    row.actorId,
    row.actor,
    row.action,
    row.subject,
    row.detail,
  ]);
}

export const linkHash = (prevHash: string, row: LinkContent): string => sm3(`${prevHash}\n${canonical(row)}`);
export const linkMac = (key: Buffer, hash: string): string => hmac(key, `link:${hash}`);

/** The fingerprint of a key (names it in the head without disclosing it). */
export const keyIdOf = (key: Buffer): string => sm3(`liandong-audit-key:${key.toString('hex')}`).slice(0, 16);

/** The chain's head: its last link, and where the kept chain begins (after a configured purge). */
export interface ChainHead {
  seq: number;
  hash: string;
  baseSeq: number;
  baseHash: string;
  keyId: string;
  mac: string;
}

export const headMac = (key: Buffer, h: Omit<ChainHead, 'mac' | 'keyId'>): string =>
  hmac(key, `head:${h.seq}:${h.hash}:${h.baseSeq}:${h.baseHash}`);

/** Links the events that follow `head`, in order. */
export function linked<T extends Omit<LinkContent, 'seq'>>(
  key: Buffer,
  head: { seq: number; hash: string },
  rows: T[],
): Array<T & { seq: number; prevHash: string; hash: string; mac: string }> {
  let prev = head.hash;
  let seq = head.seq;
  return rows.map((r) => {
    const row = { ...r, seq: ++seq };
    const hash = linkHash(prev, row);
    const out = { ...row, prevHash: prev, hash, mac: linkMac(key, hash) };
    prev = hash;
    return out;
  });
}

/** What is wrong with the chain, at its first fault. */
export type ChainProblem =
  /** rows `from`–`to` are missing (removed) */
  | { kind: 'removed'; from: number; to: number; next?: StoredLink }
  /** the row does not follow its predecessor: the one before it was removed, or a row inserted here */
  | { kind: 'relinked'; row: StoredLink }
  /** the row's content no longer matches its link */
  | { kind: 'changed'; row: StoredLink }
  /** the link is not the key's: the row (and its link) rewritten without the key */
  | { kind: 'forged'; row: StoredLink }
  /** a row outside the chain: inserted (or written by a process without the chain) */
  | { kind: 'inserted'; row: StoredLink }
  /** the head says the chain is longer: the last rows were removed */
  | { kind: 'tail'; from: number; to: number }
  /** the head row is missing, or not the key's */
  | { kind: 'head'; reason: 'missing' | 'forged' | 'behind' };

/** Walks rows in chain order (page by page), stopping at the first fault. */
export class ChainWalk {
  checked = 0;
  problem?: ChainProblem;
  private expected: number;
  private prev: string;

  constructor(
    private readonly key: Buffer,
    start: { seq: number; prevHash: string },
  ) {
    this.expected = start.seq;
    this.prev = start.prevHash;
  }

  /** the last link walked */
  get last(): { seq: number; hash: string } {
    return { seq: this.expected - 1, hash: this.prev };
  }

  /** Takes the next row; false once a fault is found. */
  take(row: StoredLink): boolean {
    if (this.problem) return false;
    const seq = row.seq!;
    if (seq > this.expected) this.problem = { kind: 'removed', from: this.expected, to: seq - 1, next: row };
    else if (row.prevHash !== this.prev) this.problem = { kind: 'relinked', row };
    else if (row.hash !== linkHash(row.prevHash, { ...row, seq })) this.problem = { kind: 'changed', row };
    else if (row.mac !== linkMac(this.key, row.hash)) this.problem = { kind: 'forged', row };
    if (this.problem) return false;
    this.checked++;
    this.expected = seq + 1;
    this.prev = row.hash!;
    return true;
  }

  /** After the last row: does the head agree with where the walk ended? */
  finish(head: ChainHead | undefined): ChainProblem | undefined {
    if (this.problem) return this.problem;
    const last = this.last;
    if (!head) this.problem = last.seq > 0 ? { kind: 'head', reason: 'missing' } : undefined;
    else if (head.mac !== headMac(this.key, head)) this.problem = { kind: 'head', reason: 'forged' };
    else if (head.seq > last.seq) this.problem = { kind: 'tail', from: last.seq + 1, to: head.seq };
    else if (head.seq < last.seq || head.hash !== last.hash) this.problem = { kind: 'head', reason: 'behind' };
    return this.problem;
  }
}
