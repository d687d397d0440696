/** Where a CLI command writes: stdout and stderr, injectable for tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in what the user typed: printed as one Chinese line, exit code 2. */
export class UsageError extends Error {}
