// A DATABASE_URL printed anywhere hides its secrets, and a database error reads as its reason:
// start, db migrate, doctor and db copy once printed ?password= in clear, and "无法连接 PostgreSQL：" with
// nothing after it (Prisma's message starts with a newline, and only its first line was shown).
import { describe, expect, it } from 'vitest';
import { errorReason, redactUrl } from '../../src/store/database-url.js';

describe('redactUrl', () => {
  it.each([
    ['postgresql://postgres:s3cret@db:5432/liandong', 'postgresql://postgres:***@db:5432/liandong'],
    ['postgresql://db:5432/liandong?password=s3cret', 'postgresql://db:5432/liandong?password=***'],
    ['postgres://u@db/l?sslmode=require&password=s3cret&x=1', 'postgres://u@db/l?sslmode=require&password=***&x=1'],
    ['postgresql://db/l?sslpassword=s3cret', 'postgresql://db/l?sslpassword=***'],
    ['postgresql://db/l?PASSWORD=s3cret', 'postgresql://db/l?PASSWORD=***'],
    [
      'postgresql://db/l?access_token=s3cret&application_name=liandong',
      'postgresql://db/l?access_token=***&application_name=liandong',
    ],
    ['file:./data/liandong.db', 'file:./data/liandong.db'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
    expect(redactUrl(url)).not.toContain('s3cret');
  });
});

describe('errorReason', () => {
  it('keeps what Prisma says after its header, on one line', () => {
    const prisma = new Error(
      '\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nconnect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(errorReason(prisma)).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(errorReason(new Error('first\n\nsecond'))).toBe('first；second');
    expect(errorReason(new Error(''))).toBe('未知错误');
  });

  it('hides a password that a driver repeats in its message', () => {
    expect(errorReason(new Error('cannot reach postgresql://u:pw1@db/l?password=pw2 now'))).toBe(
      'cannot reach postgresql://u:***@db/l?password=*** now',
    );
  });
});
