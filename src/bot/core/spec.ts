import type { MatterWithOrgs } from '../../store/matters.js';
import type { Ctx } from './context.js';
import type { FormEngine } from './forms/engine.js';
import type { FormHandler } from './forms/handler.js';
import type { ParsedCommand } from './parse.js';
import type { Permission } from './permissions.js';

export interface CommandDeps {
  forms: FormEngine;
}

/** `allow` (and `orgKinds`): who may use it */
export interface CommandSpec extends Permission {
  /** key of its help line: help.cmd.<id> */
  id: string;
  /** Chinese names first, then English aliases */
  names: string[];
  run(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void>;
}

/**
 * A family of commands (建议, 线索, 会议 …) with the forms it owns: the App registers
 * each family's commands and form handlers together, so a new family needs no switch.
 */
export interface CommandFamily {
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
}

export type MatterJobHandler = (
  ctx: Ctx,
  kind: string,
  matter: MatterWithOrgs | undefined,
  payload: Record<string, unknown>,
) => Promise<boolean>;
