// What a command family registers for each of its forms: who may submit it (checked
// again at submit, for text and card forms alike), what submitting does, and notes
// for the review step (e.g. the due date it will get, or a warning that it is late).
import type { Ctx } from '../context.js';
import type { Permission } from '../permissions.js';
import type { Fields } from '../prompts.js';

/** `allow` (and `orgKinds`): who may submit it, as the command that starts it */
export interface FormHandler extends Permission {
  /** the form's name, as in prompts/forms/*.yaml */
  form: string;
  /** does what the completed form says, in the turn's transaction */
  submit(ctx: Ctx, answers: Record<string, unknown>, context: Record<string, string>): Promise<void>;
  /**
   * Checks the answers so far together, after each one (and a card form's before it is
   * submitted): a problem names the field to ask again and why (a template key).
   */
  check?(
    ctx: Ctx,
    answers: Record<string, unknown>,
  ): Promise<{ field: string; key: string; fields?: Fields } | undefined>;
  /** extra lines for the review step, computed from the answers (may throw a UserError) */
  review?(ctx: Ctx, answers: Record<string, unknown>, context: Record<string, string>): Promise<string[]>;
}
