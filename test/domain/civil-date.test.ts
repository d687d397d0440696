// Instants written with their zone: the sandbox's clock API and LIANDONG_CLOCK_START.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config/env.js';
import { parseZonedInstant } from '../../src/domain/civil-date.js';

describe('an instant written with its zone', () => {
  it.each([
    ['2026-11-02T10:00:00+08:00', '2026-11-02T02:00:00.000Z'],
    ['2026-11-02T10:00+08:00', '2026-11-02T02:00:00.000Z'],
    ['2026-10-27T00:30+08:00', '2026-10-26T16:30:00.000Z'],
    ['2026-02-28T23:59:59.5Z', '2026-02-28T23:59:59.500Z'],
    ['2026-11-02T10:00:00-05:00', '2026-11-02T15:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseZonedInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-02T10:00:00',
    '2026-11-02 10:00+08:00',
    '2026-11-31T10:00:00+08:00',
    '2026-02-29T10:00:00Z',
    '2026-11-02T24:00:00Z',
    '2026-11-02',
    'tomorrow',
    '',
  ])('refuses %j', (text) => {
    expect(parseZonedInstant(text)).toBeUndefined();
  });

  it('is what LIANDONG_CLOCK_START must be', () => {
    const env = {
      LIANDONG_PLATFORM: 'sandbox',
      LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
      LIANDONG_CLOCK: 'simulated',
    };
    expect(readConfig({ ...env, LIANDONG_CLOCK_START: '2026-09-01T09:30:00+08:00' }).clock.start?.toISOString()).toBe(
      '2026-09-01T01:30:00.000Z',
    );
    for (const bad of ['2026-09-01T09:30:00', '2026-09-31T09:30:00+08:00']) {
      let err: unknown;
      try {
        readConfig({ ...env, LIANDONG_CLOCK_START: bad });
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect(String((err as Error).message), bad).toContain(
        `LIANDONG_CLOCK_START 应为带时区的时刻，如 2026-09-01T09:00:00+08:00，收到 "${bad}"`,
      );
    }
  });
});
