// A PostgreSQL connection given one query at a time (no imports: the SQLite-only process
// loads it with the sender election without loading the PostgreSQL adapter).
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * One connection (a transaction's) runs one query at a time: the next waits for the one
 * before. node-postgres queues them itself but warns that pg 9 will refuse a second query
 * while one runs — which Prisma does when a transaction's work is started together.
 */
export function oneAtATime<T>(connection: object, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(connection) ?? Promise.resolve()).then(work);
  queues.set(
    connection,
    next.catch(() => undefined),
  );
  return next;
}
