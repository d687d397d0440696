// Reading a `liandong` command's options strictly, and its -h/--help.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Io, UsageError } from './io.js';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Reads a command's options strictly: an unknown option, a missing value and an
 * option given twice are errors (the last one silently winning hides a typo).
 * Returns undefined after printing the command's help for -h/--help.
 */
export function parse(
  help: string[],
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  accepted: string,
  io: Io,
): Record<string, unknown> | undefined {
  // a value that starts with '-' (--period -3日) is a value, not an option: pass it as --period=-3日
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.startsWith('--') ? argv[i]!.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[^-]/.test(next)) {
      args.push(`--${name}=${next}`);
      i++;
    } else args.push(argv[i]!);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, ...HELP_OPTION },
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (e) {
    const m = /Unknown option '([^']+)'|Option '([^']+)[^']*' argument missing|Unexpected argument '([^']+)'/.exec(
      (e as Error).message,
    );
    if (m?.[1]) throw new UsageError(`未知选项 ${m[1]}：可用选项 ${accepted}`);
    if (m?.[2]) throw new UsageError(`选项 ${m[2]} 缺少取值：可用选项 ${accepted}`);
    if (m?.[3]) throw new UsageError(`多余的参数 "${m[3]}"：可用选项 ${accepted}`);
    throw new UsageError(`参数有误：可用选项 ${accepted}`);
  }
  if (parsed.values.help) {
    for (const line of help) io.out(line);
    return undefined;
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`选项 --${t.name} 重复出现：每个选项只能写一次`);
    seen.add(t.name);
  }
  return parsed.values;
}
