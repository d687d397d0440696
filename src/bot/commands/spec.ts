import type { Role } from '../../domain/vocabulary.js';
import type { Ctx } from '../context.js';
import type { FormEngine } from '../forms/engine.js';
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
