// What a DATABASE_URL names: a SQLite file (file:…, the default) or a PostgreSQL server.
// Light on purpose: the configuration reads it before any driver is loaded.

/** Is this DATABASE_URL a PostgreSQL server (postgresql:// or postgres://)? */
export function isPostgresUrl(url: string | undefined): boolean {
  return /^postgres(ql)?:\/\//i.test((url ?? '').trim());
}

/** Query parameters that carry a secret (…?password=…, sslpassword, a token or key). */
const SECRET_PARAM =
  /([?&;](?:[\w-]*pass(?:word)?|pwd|secret|[\w-]*token|api[_-]?key|access[_-]?key)=)[^&#;\s）)，。；、`'"]*/gi;

/** A URL with its password replaced, for messages and logs: the user:password@ part and every secret parameter. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@').replace(SECRET_PARAM, '$1***');
}

/**
 * The words of an error worth showing a person: Prisma's message without its blank lines and its
 * "Invalid `prisma…` invocation:" header (it starts with a newline, so its first line alone is empty),
 * the rest joined on one line, and any URL in it redacted.
 */
export function errorReason(err: unknown, max = 300): string {
  const lines = String((err as Error)?.message ?? err)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Invalid `.*` invocation/.test(l));
  const text = lines.join('；').replace(/postgres(?:ql)?:\/\/[^\s）)，。；、`'"]+/gi, (u) => redactUrl(u));
  return (text || '未知错误').slice(0, max);
}
