// What a handler works with: one transaction, the moment, who spoke and where, and
// the messages it wants sent (written to the outbox in the same transaction).

import type { Logger } from 'pino';
import type { Card, Incoming, Outgoing } from '../../chat/messages.js';
import type { Config } from '../../config/env.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import type { CivilDate } from '../../domain/civil-date.js';
import type { AuditInput } from '../../store/audit.js';
import type { BindingRow, MemberRow, RosterCache } from '../../store/roster.js';
import type { Tx } from '../../store/tx.js';
import type { CommandSyntax } from './parse.js';
import type { Fields, Prompts } from './prompts.js';

export interface Services {
  config: Config;
  calendar: WorkCalendar;
  prompts: Prompts;
  log: Logger;
  /** the roster in memory (orgs, members, bindings), read again when it changes */
  roster: RosterCache;
  /** how command lines are read: the families' option keys and matter codes */
  syntax: CommandSyntax;
}

export interface Ctx {
  tx: Tx;
  now: Date;
  today: CivilDate;
  services: Services;
  incoming?: Incoming;
  member?: MemberRow;
  binding?: BindingRow;
  /** messages to send when the transaction commits */
  out: Outgoing[];
  audits: AuditInput[];
  /** set when something was scheduled, so the alarm is re-armed */
  scheduled: boolean;
  /** set when a job was planned for right now (work left for after the answer) */
  dueNow?: boolean;
  /**
   * Set by a handler that completes what a card asked for (a reply submitted, an
   * evaluation, an extension decided): the card it came from is closed, once.
   */
  completed?: { action: string; card?: string };
}

/** A mistake by the user: the transaction is rolled back and this message is the answer. */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly fields: Fields = {},
    /** a corrected command the user may run by answering "是" (是否指 示例县市场监督管理局？) */
    readonly suggestion?: string,
  ) {
    super(key);
  }
}

export function t(ctx: Ctx, key: string, fields: Fields = {}): string {
  return ctx.services.prompts.render(key, fields);
}

/**
 * A template in a task's own words: `<key>_task` for a matter of kind task where prompts/ has
 * one (进展情况、完成情况, not 整改反馈), else the key itself. The variant uses the key's fields.
 */
export function forKind(ctx: Ctx, key: string, kind: string | undefined): string {
  return kind === 'task' && ctx.services.prompts.has(`${key}_task`) ? `${key}_task` : key;
}

/** Answers in the chat the message came from (or the person, in a direct chat). */
export function reply(
  ctx: Ctx,
  key: string,
  fields: Fields = {},
  extra: { card?: Card; matterId?: string } = {},
): void {
  const inc = ctx.incoming;
  if (!inc) throw new Error('reply() outside a message');
  ctx.out.push({ platform: inc.platform, to: { chatId: inc.chatId }, text: t(ctx, key, fields), ...extra });
}

export function audit(ctx: Ctx, action: string, subject?: string, detail?: Record<string, unknown>): void {
  const inc = ctx.incoming;
  ctx.audits.push({
    actor: ctx.member
      ? `${ctx.member.name}（${ctx.member.orgName}）`
      : inc
        ? `${inc.platform}:${inc.senderId}`
        : 'system',
    actorId: ctx.member?.id ?? null,
    action,
    subject: subject ?? null,
    detail,
    at: ctx.now,
  });
}
