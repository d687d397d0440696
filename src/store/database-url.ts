// What a DATABASE_URL names: a SQLite file (file:…, the default) or a PostgreSQL server.
// Light on purpose: the configuration reads it before any driver is loaded.

/** Is this DATABASE_URL a PostgreSQL server (postgresql:// or postgres://)? */
export function isPostgresUrl(url: string | undefined): boolean {
  return /^postgres(ql)?:\/\//i.test((url ?? '').trim());
}

/** A URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
