// The sandbox's web page and JSON API, on 127.0.0.1 only.
//   GET  /api/chats                          [{id, name, purpose, orgId, orgName}]
//   GET  /api/members                        [{id, name, orgId, orgName, roles}]
//   POST /api/chats/:chatId/messages         {senderId, text, quoteMessageId?, attachments?} → 202 {messageId}
//   POST /api/messages/:messageId/actions    {senderId, action, formValue?} → {ok, replies}
//   GET  /api/chats/:chatId/messages?after=  [{id, cursor, senderId, fromBot, text, card?, createdAt}]
//   GET  /api/clock, POST /api/clock/advance {minutes?, days?} or {to}
//   GET  /, /favicon.svg, /fonts/NotoSansSC-subset.ttf (the page, its icon, its CJK font), /files/:id
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Attachment, Card, Incoming } from '../../chat/messages.js';
import { formatShanghai } from '../../domain/civil-date.js';
import { PROJECT_ROOT } from '../../paths.js';
import { AdvanceInterrupted } from '../../schedule/advance.js';
import type { Db } from '../../store/db.js';
import { FILE_REF, type FileLimits, keepFile, storedFile } from '../../store/files.js';
import { listBindings, listMembers } from '../../store/roster.js';
import {
  findSandboxMessage,
  sandboxChatIds,
  sandboxLastCursors,
  sandboxMessages,
} from '../../store/sandbox-messages.js';
import { parseJson } from '../../store/tx.js';
import { isDatabaseUnavailable } from '../../store/unavailable.js';
import { HttpError, sendJson } from '../http.js';
import { directChatId, SANDBOX, type SandboxAdapter } from './adapter.js';
import { advanceMs, cardActionIncoming, MAX_CURSOR, pathParts, readJson, str } from './requests.js';

const PAGE = path.join(PROJECT_ROOT, 'src/platforms/sandbox/page.html');
/** The CJK font the charts are drawn with (Noto Sans SC, a GB2312 subset): the page's text on a machine without one */
export const PAGE_FONT_PATH = '/fonts/NotoSansSC-subset.ttf';
const PAGE_FONT = path.join(PROJECT_ROOT, 'assets/fonts/NotoSansSC-subset.ttf');
let pageFont: Buffer | undefined;
/** 联 on the app's blue: the tab is findable among others */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#3370ff"/><text x="32" y="45" font-size="38" text-anchor="middle" fill="#fff" font-family="sans-serif">联</text></svg>';

/** What a person sees when the database cannot take their message (down, out of connections). */
const DATABASE_UNAVAILABLE = '数据库暂时不可用，消息未处理，请稍后再试';
const advanceInterrupted = (e: AdvanceInterrupted) =>
  `数据库暂时不可用，快进停在 ${formatShanghai(e.at)}（此前到期的已处理），尚未到 ${formatShanghai(e.target)}。` +
  '数据库恢复后会自动走完，不必再次快进。';

export interface SandboxControls {
  /** `unavailable`: the database could not be used and nothing was taken */
  receive(incoming: Incoming): Promise<{ unavailable?: boolean }>;
  clock(): { now: string; simulated: boolean };
  /** moves the simulated clock; undefined when the clock is real */
  advance?(ms: number): Promise<void>;
  /** catches up with a simulated clock that other processes move (PostgreSQL) */
  sync?(): Promise<void>;
}

export class SandboxServer {
  private server: http.Server | undefined;

  constructor(
    private readonly db: Db,
    private readonly adapter: SandboxAdapter,
    private readonly controls: SandboxControls,
    private readonly log: Logger,
    private readonly files?: FileLimits,
  ) {}

  /**
   * Attachments sent from the page: [{name, kind?, data?}], data being the file's bytes
   * in base64. Files with data are kept in the file store (checked and summed, like
   * any platform's); a name without data is recorded as a name only.
   */
  private async attachmentsOf(body: Record<string, unknown>): Promise<Attachment[] | undefined> {
    const a = body.attachments;
    if (a === undefined) return undefined;
    if (
      !Array.isArray(a) ||
      a.length > 10 ||
      a.some((x) => !x || typeof x.name !== 'string' || (x.data !== undefined && typeof x.data !== 'string'))
    )
      throw new HttpError(400, 'attachments 应为 [{name, kind?, data?}] 列表（最多 10 个，data 为 base64）');
    const out: Attachment[] = [];
    for (const x of a as Array<{ name: string; kind?: string; data?: string }>) {
      const kind = x.kind === 'image' ? 'image' : 'file';
      const name = x.name.slice(0, 200);
      const ref = `sandbox-file-${randomUUID()}`;
      if (x.data === undefined || !this.files) out.push({ kind, name, ref });
      else
        out.push(
          await keepFile(this.db, this.files, {
            platform: SANDBOX,
            ref,
            name,
            kind,
            bytes: Buffer.from(x.data, 'base64'),
            at: new Date(this.controls.clock().now),
          }),
        );
    }
    return out;
  }

  private async chats() {
    const bound = (await listBindings(this.db, { platform: SANDBOX })).map((b) => ({
      id: b.chatId,
      name: b.name,
      purpose: b.purpose,
      orgId: b.orgId,
      orgName: b.orgName,
    }));
    const direct = (await listMembers(this.db, SANDBOX)).map((m) => ({
      id: directChatId(m.id),
      name: `与机器人私聊（${m.name}）`,
      purpose: 'direct',
      orgId: m.orgId,
      orgName: m.orgName,
    }));
    // groups that have messages but no binding yet (a new group, before /绑定)
    const ids = new Set([...bound, ...direct].map((c) => c.id));
    const unbound = (await sandboxChatIds(this.db)).filter((id) => !ids.has(id) && !id.startsWith('dm:'));
    const last = await sandboxLastCursors(this.db);
    return [
      ...bound,
      ...unbound.map((id) => ({ id, name: id, purpose: 'unbound', orgId: null, orgName: null })),
      ...direct,
    ].map((c) => ({ ...c, lastCursor: last[c.id] ?? 0 }));
  }

  /** Any group id may be used (a new group appears once it has a message); direct chats are dm:<own id>. */
  private checkChat(chatId: string, senderId: string): void {
    if (chatId.startsWith('dm:')) {
      if (chatId !== directChatId(senderId)) throw new HttpError(400, '只能以本人身份在自己的私聊中发消息');
    } else if (!/^[A-Za-z0-9_-]{1,64}$/.test(chatId))
      throw new HttpError(400, `群 ID “${chatId}”只能由字母、数字、-、_ 组成`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = pathParts(url.pathname);
    const send = (status: number, body: unknown) => sendJson(res, status, body, { 'cache-control': 'no-store' });
    const method = req.method ?? 'GET';
    // another process may have moved the shared simulated clock: the page shows its time
    if (parts[0] === 'api') await this.controls.sync?.();

    if (method === 'GET' && (await this.serveFile(url.pathname, parts, res))) return;
    if (parts[0] !== 'api') throw new HttpError(404, '没有这个地址');

    if (method === 'GET' && parts[1] === 'chats' && parts.length === 2) return send(200, await this.chats());
    if (method === 'GET' && parts[1] === 'members' && parts.length === 2)
      return send(200, await listMembers(this.db, SANDBOX));

    if (parts[1] === 'chats' && parts[3] === 'messages' && parts.length === 4) {
      const chatId = parts[2]!;
      if (method === 'GET') {
        const afterText = url.searchParams.get('after') ?? '0';
        if (!/^\d{1,10}$/.test(afterText) || Number(afterText) > MAX_CURSOR)
          throw new HttpError(400, `after 应为 0 到 ${MAX_CURSOR} 之间的整数游标`);
        return send(200, await sandboxMessages(this.db, chatId, Number(afterText)));
      }
      if (method === 'POST') return send(202, await this.postMessage(chatId, await readJson(req)));
    }

    // files for a card form: kept in the file store, returned as attachments to name in the form
    if (method === 'POST' && parts[1] === 'chats' && parts[3] === 'files' && parts.length === 4) {
      const body = await readJson(req);
      this.checkChat(parts[2]!, str(body, 'senderId')!);
      const attachments = (await this.attachmentsOf(body)) ?? [];
      return send(200, { attachments });
    }

    if (method === 'POST' && parts[1] === 'messages' && parts[3] === 'actions' && parts.length === 4)
      return send(200, await this.cardAction(parts[2]!, await readJson(req)));

    if (parts[1] === 'clock' && parts.length === 2 && method === 'GET') return send(200, this.controls.clock());
    if (parts[1] === 'clock' && parts[2] === 'advance' && parts.length === 3 && method === 'POST') {
      if (!this.controls.advance)
        throw new HttpError(409, '当前使用真实时钟，不能快进（设置 LIANDONG_CLOCK=simulated）');
      const ms = advanceMs(await readJson(req), this.controls.clock().now);
      try {
        if (ms > 0) await this.controls.advance(ms);
      } catch (err) {
        if (!(err instanceof AdvanceInterrupted) || !isDatabaseUnavailable(err.reason)) throw err;
        throw new HttpError(503, advanceInterrupted(err));
      }
      return send(200, this.controls.clock());
    }
    throw new HttpError(404, '没有这个地址');
  }

  /** The page, its icon and font, and a kept file (佐证材料) downloaded from the page; false for another path. */
  private async serveFile(pathname: string, parts: string[], res: http.ServerResponse): Promise<boolean> {
    if (pathname === PAGE_FONT_PATH) {
      pageFont ??= readFileSync(PAGE_FONT);
      res.writeHead(200, { 'content-type': 'font/ttf', 'cache-control': 'max-age=86400' });
      res.end(pageFont);
      return true;
    }
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readFileSync(PAGE));
      return true;
    }
    if (pathname === '/favicon.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
      res.end(FAVICON);
      return true;
    }
    if (parts[0] !== 'files' || parts.length !== 2) return false;
    const f = this.files ? await storedFile(this.db, this.files.dir, `${FILE_REF}${parts[1]}`) : undefined;
    if (!f || !existsSync(f.absolutePath)) throw new HttpError(404, '没有这个文件');
    res.writeHead(200, {
      'content-type': f.mime || 'application/octet-stream',
      'content-length': String(f.size),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    });
    res.end(readFileSync(f.absolutePath));
    return true;
  }

  /** A person's message: stored, handed to the core; answered 202 with its id. */
  private async postMessage(chatId: string, body: Record<string, unknown>): Promise<{ messageId: string }> {
    const senderId = str(body, 'senderId')!;
    const text = str(body, 'text', false) ?? '';
    const attachments = await this.attachmentsOf(body);
    if (!text && !attachments?.length) throw new HttpError(400, '缺少 text');
    if (text.length > 10_000) throw new HttpError(400, 'text 过长（上限 10000 字）');
    this.checkChat(chatId, senderId);
    const quote = str(body, 'quoteMessageId', false);
    if (quote && !(await findSandboxMessage(this.db, quote))) throw new HttpError(400, `没有 ${quote} 这条消息`);
    const incoming = await this.adapter.accept({ chatId, senderId, text, quoteMessageId: quote, attachments });
    // 202 only for a turn that was taken: one the database could not take is a 503, to be sent again
    if ((await this.controls.receive(incoming)).unavailable) throw new HttpError(503, DATABASE_UNAVAILABLE);
    return { messageId: incoming.eventId };
  }

  /** A button pressed or a card form submitted; answered with the bot's replies to it. */
  private async cardAction(messageId: string, body: Record<string, unknown>) {
    const senderId = str(body, 'senderId')!;
    const action = str(body, 'action')!;
    const msg = await findSandboxMessage(this.db, messageId);
    if (!msg?.fromBot || !msg.card) throw new HttpError(404, '没有这张卡片');
    const card = parseJson<Card>(msg.card, undefined as unknown as Card);
    const incoming = cardActionIncoming(
      msg,
      card,
      { senderId, action, formValue: body.formValue },
      this.controls.clock().now,
    );
    const before = (await sandboxMessages(this.db, msg.chatId, 0)).at(-1)?.cursor ?? 0;
    if ((await this.controls.receive(incoming)).unavailable) throw new HttpError(503, DATABASE_UNAVAILABLE);
    const replies = (await sandboxMessages(this.db, msg.chatId, before)).filter((m) => m.fromBot);
    return { ok: true, replies };
  }

  async listen(port: number): Promise<number> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        const status = err instanceof HttpError ? err.status : isDatabaseUnavailable(err) ? 503 : 500;
        if (status === 500 || status === 503)
          this.log[status === 500 ? 'error' : 'warn'](
            { error: String((err as Error)?.message ?? err).slice(0, 300), path: req.url },
            status === 500 ? 'sandbox request failed' : 'sandbox request refused: database unavailable',
          );
        if (!res.headersSent)
          sendJson(res, status, {
            error:
              status === 500 ? '服务器内部错误，已记录' : err instanceof HttpError ? err.message : DATABASE_UNAVAILABLE,
          });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
