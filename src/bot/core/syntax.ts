// The command-line syntax of a set of families: the shared option keys and each family's own,
// and the code prefixes (domain/vocabulary.ts) of the kinds of matter they keep.
import { MATTER_CODE_PREFIX } from '../../domain/vocabulary.js';
import { CommandSyntax, SHARED_OPTION_KEYS } from './parse.js';
import type { CommandFamily } from './spec.js';

export function syntaxOf(families: CommandFamily[]): CommandSyntax {
  return new CommandSyntax(
    [SHARED_OPTION_KEYS, ...families.map((f) => f.options ?? {})],
    families.flatMap((f) => (f.matterKinds ?? []).map((k) => MATTER_CODE_PREFIX[k])),
  );
}
