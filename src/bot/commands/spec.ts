import type { Role } from '../../domain/vocabulary.js';
import type { Ctx } from '../context.js';
import type { FormEngine } from '../forms/engine.js';
import type { FormHandler } from '../forms/handler.js';
import type { ParsedCommand } from './parse.js';

export interface CommandDeps {
  forms: FormEngine;
}

export interface CommandSpec {
  /** key of its help line: help.cmd.<id> */
  id: string;
  /** Chinese names first, then English aliases */
  names: string[];
  /** who may use it: roles, any known member, or anyone (guests too) */
  allow: Role[] | 'member' | 'anyone';
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
}
