// A turn's context for a command line run (no chat, no person): the database, the
// configuration, the calendar, the words and the roster — what the bot's rooms work with.

import type { Ctx } from '../bot/core/context.js';
import { loadPrompts } from '../bot/core/prompts.js';
import { syntaxOf } from '../bot/core/syntax.js';
import { FAMILIES } from '../bot/families.js';
import { loadCalendar } from '../config/calendar-source.js';
import type { Config } from '../config/env.js';
import { shanghaiDate } from '../domain/civil-date.js';
import { silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import { RosterCache } from '../store/roster.js';

export function cliCtx(config: Config, db: Db, now: Date, today = shanghaiDate(now)): Ctx {
  return {
    tx: db,
    now,
    today,
    services: {
      config,
      calendar: loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday }),
      prompts: loadPrompts(),
      log: silentLogger,
      roster: new RosterCache(),
      syntax: syntaxOf(FAMILIES),
    },
    out: [],
    audits: [],
    scheduled: false,
  };
}
