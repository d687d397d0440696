// A person opens the sandbox page, sends a command and sees the bot's answer; then
// registers a recommendation and, as the agency's officer, clicks the card's button.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let bot: TestBot;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`没有找到 Chromium（${CHROMIUM}）：请先 apt-get install chromium，或设置 CHROMIUM_PATH`);
  bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

describe('the sandbox page', () => {
  it('sends a command and shows the bot’s answer, cards with working buttons', async () => {
    const page = await browser.newPage();
    await page.goto(bot.base + '/');
    await page.locator('.chat', { hasText: '府检联动工作群' }).click();
    await page.selectOption('#member', 'u-liaison');
    await page.fill('#text', '/帮助');
    await page.click('#send');
    await expect.poll(() => page.locator('.msg .bubble', { hasText: '可用命令' }).count(), { timeout: 10_000 }).toBe(1);

    await page.fill('#text', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('.msg .bubble', { hasText: '已登记检察建议 JY-2026-001' }).count(), { timeout: 10_000 }).toBe(1);

    // the agency's officer sees the notice as a card and clicks 填写整改反馈
    await page.selectOption('#member', 'u-scj');
    await page.locator('.chat', { hasText: '市场监管局工作群' }).click();
    const card = page.locator('.card', { hasText: '检察建议送达通知 JY-2026-001' });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: '填写整改反馈' }).click();
    await expect.poll(() => page.locator('.msg .bubble', { hasText: '开始填写《整改反馈》' }).count(), { timeout: 10_000 }).toBe(1);

    // the same reply as a card form
    const form = page.locator('.card form').last();
    await form.locator('textarea[name=measures]').fill('已对 12 家学校食堂开展检查');
    await form.locator('select[name=rectStatus]').selectOption('done');
    await form.getByRole('button', { name: '提交整改反馈' }).click();
    await expect.poll(() => page.locator('.msg .bubble', { hasText: '第 1 次整改反馈（已整改）' }).count(), { timeout: 10_000 }).toBe(1);
    if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT, fullPage: true });
    expect(await bot.rt.db.reply.count()).toBe(1);
  });
});
