import type { MatterKind } from '../../domain/vocabulary.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import type { Ctx } from './context.js';
import type { FormEngine, FormOutcome } from './forms/engine.js';
import type { FormHandler } from './forms/handler.js';
import type { CommandSyntax, ParsedCommand } from './parse.js';
import type { Permission } from './permissions.js';

export interface CommandDeps {
  forms: FormEngine;
  /** every command of every family, in the order the families are listed (帮助 lists them) */
  commands: () => CommandSpec[];
  /** how the family that keeps a matter's kind shows its record (/状态 XS-… shows the clue's chain), if it has its own */
  showFor: (kind: string) => MatterShow | undefined;
}

/** Answers /状态 for one matter, in the words of the family that keeps its kind. */
export type MatterShow = (ctx: Ctx, matter: MatterWithOrgs) => Promise<void>;

/** One named step of the inbound pipeline: handles the message, or passes it on with next(). */
export type Step = (ctx: Ctx, next: () => Promise<void>) => Promise<void>;

/** `allow` (and `orgKinds`): who may use it */
export interface CommandSpec extends Permission {
  /** key of its help line: help.cmd.<id> */
  id: string;
  /** Chinese names first, then English aliases */
  names: string[];
  run(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void>;
  /** whether /帮助 lists it for this person, beyond the permission (the lead unit's liaisons for /纪要) */
  listedFor?(ctx: Ctx): Promise<boolean>;
}

/**
 * A family of commands (建议, 线索, 会议 …), declared in its folder's index.ts with all it
 * brings: its option keys, the codes of its matters, commands, forms, jobs, routes and
 * start-up work. The App registers each family whole, so a new family edits no shared code.
 */
export interface CommandFamily {
  /** its folder under src/bot/ (recommendations, clues …); its words are in prompts/<name>.yaml */
  name: string;
  /** the first part of its template keys (clue for clue.card.referred …) */
  words: string[];
  /** the audit actions it records that share a prefix with its words (clue.register …) */
  auditActions?: string[];
  /** spellings of the option keys its commands read beyond the shared ones (类别= → category) */
  options?: Record<string, string[]>;
  /** the kinds of matter it keeps (the glossary's, domain/vocabulary.ts): their codes (XS-2026-001) are read as matter codes */
  matterKinds?: MatterKind[];
  /** its own record for /状态, by matter kind (a clue's chain between units, its content kept to those who may read it) */
  shows?: Record<string, MatterShow>;
  commands: CommandSpec[];
  forms: FormHandler[];
  /**
   * Work the family leaves to a job row (kind → handler), done by the scheduler after the
   * turn: e.g. the complete ledger file. The handler queues its messages on ctx.
   */
  jobs?: Record<string, (ctx: Ctx, payload: Record<string, unknown>) => Promise<void>>;
  /**
   * Jobs about one matter (kind → handler): reminders, overdue notices, escalations, a
   * clue's sleeping nudge. They go out in office hours only (the App holds one that falls
   * due at night). The handler gets the matter read with its batch, and returns false
   * when the job no longer applies (answered since): it is cancelled, not done.
   */
  matterJobs?: Record<string, MatterJobHandler>;
  /** kinds of `jobs` that speak to units and so wait for office hours, like matter jobs */
  officeHours?: string[];
  /** run once at each start, in a transaction, before the catch-up: e.g. plan the next quarterly circular */
  onStart?: (ctx: Ctx) => Promise<void>;
  /**
   * Its own steps for a message no command, form or menu took, run after the core's (e.g. a
   * quoted reply to a notice about a recommendation opens its rectification form).
   */
  routes?: Array<(router: Router) => Step>;
}

/** What the routing steps share: the commands by name, what they are given, what a finished form does. */
export interface Router {
  commands: Map<string, CommandSpec>;
  deps: CommandDeps;
  syntax: CommandSyntax;
  /** what to do with a completed form */
  submit: (ctx: Ctx, outcome: Extract<FormOutcome, { kind: 'submitted' }>) => Promise<void>;
}

export type MatterJobHandler = (
  ctx: Ctx,
  kind: string,
  matter: MatterWithOrgs | undefined,
  payload: Record<string, unknown>,
) => Promise<boolean>;
