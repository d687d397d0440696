// The routing steps one by one (src/bot/core/routing.ts): each either handles the message or
// passes it on untouched, so the order of the pipeline is the only thing that decides.
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/bot/core/context.js';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import { cardFormSubmit, directHint, helpWords, slashCommand } from '../../src/bot/core/routing.js';
import type { CommandSpec, Router, Step } from '../../src/bot/core/spec.js';
import { syntaxOf } from '../../src/bot/core/syntax.js';
import { FAMILIES } from '../../src/bot/families.js';
import { incoming } from '../support/bot.js';

const prompts = loadPrompts();

/** a router whose only command (帮助 / 台账) records what it was asked */
function routerFor(ran: string[]): Router {
  const spec = (id: string, names: string[]): CommandSpec => ({
    id,
    names,
    allow: 'anyone',
    run: async (_ctx, cmd) => void ran.push(`${id} ${cmd.positional.join(' ')}`.trim()),
  });
  const commands = new Map<string, CommandSpec>();
  for (const s of [spec('help', ['帮助']), spec('ledger', ['台账'])]) for (const n of s.names) commands.set(n, s);
  return {
    commands,
    syntax: syntaxOf(FAMILIES),
    deps: { forms: undefined as never, commands: () => [], showFor: () => undefined },
    submit: async () => void ran.push('submit'),
  };
}

function ctxFor(text: string, over: { isDirect?: boolean } = {}): Ctx {
  return {
    tx: undefined as never,
    now: new Date('2026-09-01T02:00:00Z'),
    today: '2026-09-01',
    services: { prompts } as never,
    incoming: incoming({ text, chatId: over.isDirect ? 'dm:u-liaison' : 'c-joint', isDirect: over.isDirect ?? false }),
    member: {
      id: 'm1',
      name: '李明',
      orgId: 'o1',
      orgName: '示例县人民检察院',
      orgKind: 'procuratorate',
      roles: ['liaison'],
    },
    out: [],
    audits: [],
    scheduled: false,
  };
}

/** runs one step; says whether it passed the message on */
async function runStep(step: Step, ctx: Ctx): Promise<boolean> {
  let passed = false;
  await step(ctx, async () => {
    passed = true;
  });
  return passed;
}

describe('routing steps', () => {
  it.each([
    ['/台账 2', false, ['ledger 2']],
    ['台账', true, []],
    ['  /帮助', false, ['help']],
  ])('slashCommand on %j: passes on %s, runs %j', async (text, passes, runs) => {
    const ran: string[] = [];
    expect(await runStep(slashCommand(routerFor(ran)), ctxFor(text as string))).toBe(passes);
    expect(ran).toEqual(runs);
  });

  it.each([
    ['帮助', false],
    ['？', false],
    ['HELP', false],
    ['帮助我看看', true],
    ['/帮助', true],
  ])('helpWords on %j passes on: %s', async (text, passes) => {
    const ran: string[] = [];
    expect(await runStep(helpWords(routerFor(ran)), ctxFor(text))).toBe(passes);
    expect(ran).toEqual(passes ? [] : ['help']);
  });

  it('cardFormSubmit passes on a message that is not a card form', async () => {
    const ran: string[] = [];
    expect(await runStep(cardFormSubmit(routerFor(ran)), ctxFor('收到'))).toBe(true);
    expect(ran).toEqual([]);
  });

  it('directHint answers in a direct chat only, and is the last step', async () => {
    const group = ctxFor('大家好');
    expect(await runStep(directHint, group)).toBe(false);
    expect(group.out).toEqual([]);
    const direct = ctxFor('你好', { isDirect: true });
    await runStep(directHint, direct);
    expect(direct.out.map((o) => o.text)).toEqual([prompts.render('error.not_a_command')]);
  });
});
