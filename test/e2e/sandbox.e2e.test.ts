// A person opens the sandbox page, sends a command and sees the bot's answer; then
// registers a recommendation and, as the agency's officer, clicks the card's button.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let bot: TestBot;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`没有找到 Chromium（${CHROMIUM}）：请先 apt-get install chromium，或设置 CHROMIUM_PATH`);
  bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

describe('the sandbox page', () => {
  it('sends a command and shows the bot’s answer, cards with working buttons', async () => {
    const page = await browser.newPage();
    await page.goto(`${bot.base}/`);
    await page.locator('.chat', { hasText: '府检联动工作群' }).click();
    await page.selectOption('#member', 'u-liaison');
    await page.fill('#text', '/帮助');
    await page.click('#send');
    await expect.poll(() => page.locator('.msg .bubble', { hasText: '可用命令' }).count(), { timeout: 10_000 }).toBe(1);

    await page.fill('#text', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    await page.press('#text', 'Enter');
    await expect
      .poll(() => page.locator('.msg .bubble', { hasText: '已登记检察建议 JY-2026-001' }).count(), { timeout: 10_000 })
      .toBe(1);

    // the agency's officer sees the notice as a card and clicks 填写整改反馈
    await page.selectOption('#member', 'u-scj');
    await page.locator('.chat', { hasText: '市场监管局工作群' }).click();
    const card = page.locator('.card', { hasText: '检察建议送达通知 JY-2026-001' });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: '填写整改反馈' }).click();
    await expect
      .poll(() => page.locator('.msg .bubble', { hasText: '开始填写《整改反馈》' }).count(), { timeout: 10_000 })
      .toBe(1);

    // the same reply as a card form
    const form = page.locator('.card form').last();
    await form.locator('textarea[name=measures]').fill('已对 12 家学校食堂开展检查');
    await form.locator('select[name=rectStatus]').selectOption('done');
    await form.getByRole('button', { name: '提交整改反馈' }).click();
    await expect
      .poll(() => page.locator('.msg .bubble', { hasText: '第 1 次整改反馈（已整改到位）' }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT, fullPage: true });
    expect(await bot.rt.db.reply.count()).toBe(1);
  });
});

describe('the sandbox page and what people typed', () => {
  it('shows markup in a summary as text: no element, no script, no @所有人', async () => {
    const page = await browser.newPage();
    const alerts: string[] = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${bot.base}/`);
    await page.selectOption('#member', 'u-liaison');
    await page.locator('.chat', { hasText: '府检联动工作群' }).click();
    const summary = '<img src=x onerror=alert(1)><at user_id="all">所有人</at><b>紧急</b>';
    await page.fill('#text', `/线索 新建 类别=职责不清 来源=12345 摘要=“${summary}”`);
    await page.press('#text', 'Enter');
    const answer = page.locator('.msg .bubble', { hasText: '已登记线索' }).last();
    await expect.poll(() => answer.count(), { timeout: 10_000 }).toBe(1);
    expect(await answer.textContent()).toContain(summary);
    expect(await page.locator('.msg img[src=x], .msg at, .msg .bubble b').count()).toBe(0);
    expect(alerts).toEqual([]);
  });
});

describe('the sandbox page as clerks use it (issue 8)', () => {
  it('remembers who and where across a reload, marks unread chats, closes used cards, shows quotes', async () => {
    const other = await startBot({ start: '2026-04-13T10:00:00+08:00' });
    try {
      const page = await browser.newPage();
      await page.goto(`${other.base}/`);
      expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
      expect((await fetch(`${other.base}/favicon.svg`)).status).toBe(200);

      await page.selectOption('#member', 'u-liaison');
      await page.locator('.chat', { hasText: '府检联动工作群' }).click();
      await page.fill('#text', '/建议 新建 单位=县市场监管局 标题=关于农贸市场计量的检察建议 送达=2026-04-10');
      await page.press('#text', 'Enter');
      await expect
        .poll(() => page.locator('.msg .bubble', { hasText: '已登记检察建议 JY-2026-001' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      // the agency's group got the notice while the liaison looked elsewhere: it is marked unread
      const scjChat = page.locator('.chat', { hasText: '市场监管局工作群' });
      await expect.poll(() => scjChat.locator('.unread').isVisible(), { timeout: 10_000 }).toBe(true);

      // the officer starts the reply by a quoted reply, then reloads mid-form
      await page.selectOption('#member', 'u-scj');
      await scjChat.click();
      await expect.poll(() => scjChat.locator('.unread').isVisible()).toBe(false);
      const notice = page.locator('.msg.bot', { hasText: '检察建议送达通知 JY-2026-001' });
      await notice.getByRole('button', { name: '引用回复' }).click();
      await page.fill('#text', '收到，正在整改');
      await page.press('#text', 'Enter');
      await expect
        .poll(
          () => page.locator('.msg.mine .quoted', { hasText: '引用 联动机器人：检察建议送达通知 JY-2026-001' }).count(),
          { timeout: 10_000 },
        )
        .toBe(1);
      await expect
        .poll(() => page.locator('.msg .bubble', { hasText: '已将您引用回复的内容作为“整改措施”' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      await page.reload();
      await expect.poll(() => page.locator('#member').inputValue()).toBe('u-scj');
      await expect.poll(() => page.locator('.chat.active').textContent()).toContain('市场监管局工作群');
      await page.fill('#text', '1');
      await page.press('#text', 'Enter');
      await expect
        .poll(() => page.locator('.msg .bubble', { hasText: '张敏：（第 3 项，共 3 项）' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);

      // the bot's bubbles and other people's are told apart
      const botBg = await page
        .locator('.msg.bot .bubble')
        .first()
        .evaluate((e) => (globalThis as any).getComputedStyle(e).borderColor as string);
      const mineBg = await page
        .locator('.msg.mine .bubble')
        .first()
        .evaluate((e) => (globalThis as any).getComputedStyle(e).backgroundColor as string);
      expect(botBg).not.toBe(mineBg);

      // the card form: submitted once, then closed on the page (no form, who used it)
      const formCard = page.locator('.card', { has: page.locator('form') }).last();
      await formCard.locator('textarea[name=measures]').fill('已检定 240 台计量器具');
      await formCard.locator('select[name=rectStatus]').selectOption('done');
      await formCard.getByRole('button', { name: '提交整改反馈' }).click();
      await expect
        .poll(() => page.locator('.card .closed', { hasText: '已由 张敏' }).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => page.locator('.card form').count()).toBe(0);
      expect(await other.rt.db.reply.count()).toBe(1);

      // three quick clicks on +7天 move the clock once: the buttons wait for the first
      const before = Date.parse((await other.request('GET', '/api/clock')).body.now);
      // three clicks in the same instant, as a hurried hand does
      await page.evaluate(`(() => {
        const b = [...document.querySelectorAll('#clock button')].find((x) => x.textContent === '+7天');
        b.click(); b.click(); b.click();
      })()`);
      await expect
        .poll(async () => !(await page.locator('#clock button.advance').first().isDisabled()), { timeout: 20_000 })
        .toBe(true);
      const after = Date.parse((await other.request('GET', '/api/clock')).body.now);
      expect(after - before).toBe(7 * 86_400_000);
      if (process.env.E2E_SCREENSHOT)
        await page.screenshot({ path: process.env.E2E_SCREENSHOT.replace(/\.png$/, '-clerk.png'), fullPage: true });
    } finally {
      await other.stop();
    }
  });
});

describe('a clue on the sandbox page (issue 10)', () => {
  it('is referred, accepted by a click whose form opens in the direct chat, and the card there submits it', async () => {
    const other = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    try {
      const page = await browser.newPage();
      await page.goto(`${other.base}/`);
      await page.selectOption('#member', 'u-liaison');
      await page.locator('.chat', { hasText: '府检联动工作群' }).click();
      await page.fill('#text', '/线索 新建 类别=职责不清 来源=12345 摘要="小区违建投诉多个部门互相推诿"');
      await page.press('#text', 'Enter');
      await expect
        .poll(() => page.locator('.msg .bubble', { hasText: '已登记线索 XS-2026-001，移送示例县司法局' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);

      await page.selectOption('#member', 'u-sfj');
      await page.locator('.chat', { hasText: '司法局工作群' }).click();
      const card = page.locator('.card', { hasText: '新移送线索 XS-2026-001' });
      await card.getByRole('button', { name: '受理' }).click();
      await expect
        .poll(() => page.locator('.msg .bubble', { hasText: '已转到您与机器人的私聊中填写' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      // the direct chat is marked unread; the card form there accepts, naming the handler
      const direct = page.locator('.chat', { hasText: '与机器人私聊（冯涛）' });
      await expect.poll(() => direct.locator('.unread').isVisible(), { timeout: 10_000 }).toBe(true);
      await direct.click();
      const form = page.locator('.card', { has: page.locator('form') }).last();
      await form.locator('[name=handler]').fill('冯涛');
      await form.getByRole('button', { name: '受理' }).click();
      await expect
        .poll(() => page.locator('.card', { hasText: '线索办理中 XS-2026-001' }).count(), { timeout: 10_000 })
        .toBe(1);
      expect(await page.locator('.card', { hasText: '线索办理中 XS-2026-001' }).textContent()).toContain(
        '已受理线索 XS-2026-001，承办人：冯涛',
      );
      // back in the group, the referral card is closed
      await page.locator('.chat', { hasText: '司法局工作群' }).click();
      await expect
        .poll(() => page.locator('.card .closed', { hasText: '已由 冯涛' }).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      if (process.env.E2E_SCREENSHOT)
        await page.screenshot({ path: process.env.E2E_SCREENSHOT.replace(/\.png$/, '-clue.png'), fullPage: true });
      expect((await other.rt.db.clue.findFirst())?.handlerName).toBe('冯涛');
    } finally {
      await other.stop();
    }
  });
});
