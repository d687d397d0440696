// The command-line syntax of a set of families: the shared option keys and each family's own,
// and the prefixes of the matter codes they keep.
import { CommandSyntax, SHARED_OPTION_KEYS } from './parse.js';
import type { CommandFamily } from './spec.js';

export function syntaxOf(families: CommandFamily[]): CommandSyntax {
  return new CommandSyntax(
    [SHARED_OPTION_KEYS, ...families.map((f) => f.options ?? {})],
    families.flatMap((f) => f.codePrefixes ?? []),
  );
}
