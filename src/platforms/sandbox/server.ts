// The sandbox's web page and JSON API, on 127.0.0.1 only.
//   GET  /api/chats                          [{id, name, purpose, orgId, orgName}]
//   GET  /api/members                        [{id, name, orgId, orgName, roles}]
//   POST /api/chats/:chatId/messages         {senderId, text, quoteMessageId?, attachments?} → 202 {messageId}
//   POST /api/messages/:messageId/actions    {senderId, action, formValue?} → {ok, replies}
//   GET  /api/chats/:chatId/messages?after=  [{id, cursor, senderId, fromBot, text, card?, createdAt}]
//   GET  /api/clock, POST /api/clock/advance {minutes?, days?}
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Attachment, Card, Incoming } from '../../bot/types.js';
import type { Db } from '../../store/db.js';
import { listBindings, listMembers } from '../../store/roster.js';
import { findSandboxMessage, sandboxChatIds, sandboxMessages } from '../../store/sandbox-messages.js';
import { parseJson } from '../../store/tx.js';
import { HttpError, readBody, sendJson } from '../http.js';
import { type SandboxAdapter, SANDBOX, directChatId } from './adapter.js';

const PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.html');
const MAX_BODY = 256 * 1024;

export interface SandboxControls {
  receive(incoming: Incoming): Promise<void>;
  clock(): { now: string; simulated: boolean };
  /** moves the simulated clock; undefined when the clock is real */
  advance?(ms: number): Promise<void>;
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req, MAX_BODY, '请求内容过大');
  if (!text) return {};
  try {
    const body = JSON.parse(text);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error();
    return body;
  } catch {
    throw new HttpError(400, '请求体应为 JSON 对象');
  }
}

function str(body: Record<string, unknown>, key: string, required = true): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, `缺少 ${key}`);
    return undefined;
  }
  if (typeof v !== 'string') throw new HttpError(400, `${key} 应为字符串`);
  return v;
}

function attachmentsOf(body: Record<string, unknown>): Attachment[] | undefined {
  const a = body.attachments;
  if (a === undefined) return undefined;
  if (!Array.isArray(a) || a.some((x) => !x || typeof x.name !== 'string')) throw new HttpError(400, 'attachments 应为 [{name, kind?}] 列表');
  return a.map((x) => ({ kind: x.kind === 'image' ? 'image' : 'file', name: String(x.name).slice(0, 200), ref: `sandbox-file-${randomUUID()}` }));
}

export class SandboxServer {
  private server: http.Server | undefined;

  constructor(
    private readonly db: Db,
    private readonly adapter: SandboxAdapter,
    private readonly controls: SandboxControls,
    private readonly log: Logger,
  ) {}

  private async chats() {
    const bound = (await listBindings(this.db, { platform: SANDBOX })).map((b) => ({ id: b.chatId, name: b.name, purpose: b.purpose, orgId: b.orgId, orgName: b.orgName }));
    const direct = (await listMembers(this.db, SANDBOX)).map((m) => ({ id: directChatId(m.id), name: `与机器人私聊（${m.name}）`, purpose: 'direct', orgId: m.orgId, orgName: m.orgName }));
    // groups that have messages but no binding yet (a new group, before /绑定)
    const ids = new Set([...bound, ...direct].map((c) => c.id));
    const unbound = (await sandboxChatIds(this.db)).filter((id) => !ids.has(id) && !id.startsWith('dm:'));
    return [...bound, ...unbound.map((id) => ({ id, name: id, purpose: 'unbound', orgId: null, orgName: null })), ...direct];
  }

  /** Any group id may be used (a new group appears once it has a message); direct chats are dm:<own id>. */
  private checkChat(chatId: string, senderId: string): void {
    if (chatId.startsWith('dm:')) {
      if (chatId !== directChatId(senderId)) throw new HttpError(400, '只能以本人身份在自己的私聊中发消息');
    } else if (!/^[A-Za-z0-9_-]{1,64}$/.test(chatId)) throw new HttpError(400, `群 ID “${chatId}”只能由字母、数字、-、_ 组成`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const send = (status: number, body: unknown) => sendJson(res, status, body, { 'cache-control': 'no-store' });
    const method = req.method ?? 'GET';

    if (method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readFileSync(PAGE));
      return;
    }
    if (parts[0] !== 'api') throw new HttpError(404, '没有这个地址');

    if (method === 'GET' && parts[1] === 'chats' && parts.length === 2) return send(200, await this.chats());
    if (method === 'GET' && parts[1] === 'members' && parts.length === 2) return send(200, await listMembers(this.db, SANDBOX));

    if (parts[1] === 'chats' && parts[3] === 'messages' && parts.length === 4) {
      const chatId = parts[2]!;
      if (method === 'GET') {
        const afterText = url.searchParams.get('after') ?? '0';
        if (!/^\d+$/.test(afterText)) throw new HttpError(400, 'after 应为整数游标');
        return send(200, await sandboxMessages(this.db, chatId, Number(afterText)));
      }
      if (method === 'POST') {
        const body = await readJson(req);
        const senderId = str(body, 'senderId')!;
        const text = str(body, 'text', false) ?? '';
        const attachments = attachmentsOf(body);
        if (!text && !attachments?.length) throw new HttpError(400, '缺少 text');
        if (text.length > 10_000) throw new HttpError(400, 'text 过长（上限 10000 字）');
        this.checkChat(chatId, senderId);
        const quote = str(body, 'quoteMessageId', false);
        if (quote && !(await findSandboxMessage(this.db, quote))) throw new HttpError(400, `没有 ${quote} 这条消息`);
        const incoming = await this.adapter.accept({ chatId, senderId, text, quoteMessageId: quote, attachments });
        await this.controls.receive(incoming);
        return send(202, { messageId: incoming.eventId });
      }
    }

    if (method === 'POST' && parts[1] === 'messages' && parts[3] === 'actions' && parts.length === 4) {
      const body = await readJson(req);
      const senderId = str(body, 'senderId')!;
      const action = str(body, 'action')!;
      const msg = await findSandboxMessage(this.db, parts[2]!);
      if (!msg || !msg.fromBot || !msg.card) throw new HttpError(404, '没有这张卡片');
      const card = parseJson<Card>(msg.card, undefined as unknown as Card);
      const now = this.controls.clock().now;
      const base = {
        platform: SANDBOX,
        eventId: `act-${randomUUID()}`,
        chatId: msg.chatId,
        isDirect: msg.chatId.startsWith('dm:'),
        senderId,
        text: '',
        mentions: [],
        attachments: [],
        sentAt: new Date(now),
        cardForms: true,
      };
      let incoming: Incoming;
      if (action === 'submit') {
        if (!card.form) throw new HttpError(400, '这张卡片没有表单');
        const formValue = body.formValue;
        if (!formValue || typeof formValue !== 'object' || Array.isArray(formValue)) throw new HttpError(400, 'formValue 应为对象');
        incoming = { ...base, action: { form: { name: card.form.name, context: card.form.context, values: formValue as Record<string, unknown> } } };
      } else {
        const button = card.buttons.find((b) => b.command === action || b.label === action);
        if (!button) throw new HttpError(400, `卡片上没有“${action}”按钮`);
        incoming = { ...base, text: button.command, action: { command: button.command } };
      }
      const before = (await sandboxMessages(this.db, msg.chatId, 0)).at(-1)?.cursor ?? 0;
      await this.controls.receive(incoming);
      const replies = (await sandboxMessages(this.db, msg.chatId, before)).filter((m) => m.fromBot);
      return send(200, { ok: true, replies });
    }

    if (parts[1] === 'clock' && parts.length === 2 && method === 'GET') return send(200, this.controls.clock());
    if (parts[1] === 'clock' && parts[2] === 'advance' && parts.length === 3 && method === 'POST') {
      if (!this.controls.advance) throw new HttpError(409, '当前使用真实时钟，不能快进（设置 LIANDONG_CLOCK=simulated）');
      const body = await readJson(req);
      const minutes = body.minutes ?? 0;
      const days = body.days ?? 0;
      if (typeof minutes !== 'number' || typeof days !== 'number' || !Number.isFinite(minutes) || !Number.isFinite(days) || minutes < 0 || days < 0)
        throw new HttpError(400, 'minutes、days 应为非负数');
      const ms = (minutes + days * 1440) * 60_000;
      if (ms === 0) throw new HttpError(400, '请给出 minutes 或 days');
      if (ms > 3660 * 86_400_000) throw new HttpError(400, '一次最多快进约十年');
      await this.controls.advance(ms);
      return send(200, this.controls.clock());
    }
    throw new HttpError(404, '没有这个地址');
  }

  async listen(port: number): Promise<number> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) this.log.error({ error: String((err as Error)?.message ?? err).slice(0, 300), path: req.url }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, status, { error: status === 500 ? '服务器内部错误，已记录' : (err as Error).message });
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
