import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from './db.js';

/** A database handle inside a transaction, or the client itself. */
export type Tx = Prisma.TransactionClient | Db;

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
