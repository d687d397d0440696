// The stores that may carry restricted text seal it when a key is configured and give it back
// opened: the outbox, a form's answers, the webhook inbox, the sandbox's history. The passes over
// the rows: plain text sealed once (only a restricted clue's, in the clue tables), an old key's
// values sealed again under the current one, and a value no key here opens left and counted.
import { afterEach, describe, expect, it } from 'vitest';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { findForm, saveForm } from '../../src/store/forms.js';
import { enqueue, sendable } from '../../src/store/outbox.js';
import { InboxWriter, unprocessedInbox } from '../../src/store/platform-inbox.js';
import { addSandboxMessage, sandboxMessages } from '../../src/store/sandbox-messages.js';
import { isSealed, useKeyRing } from '../../src/store/sealed.js';
import { resealUnder, sealedCounts, sealPlaintext } from '../../src/store/sealed-rows.js';
import { freshDb } from '../support/db.js';

afterEach(() => useKeyRing(undefined));

const TEXT = '某乡长违规收受礼金一事';
const at = new Date('2026-06-01T02:00:00Z');
const k1 = newDataKey();
const k2 = newDataKey();

describe('sealed rows', () => {
  it('are sealed by the stores when a key is configured, and read back opened', async () => {
    const { db } = await freshDb();
    useKeyRing({ current: 'k1', keys: new Map([['k1', k1]]) });
    try {
      await enqueue(db, [{ key: 'o1', message: { platform: 'sandbox', to: { userId: 'u-jw' }, text: TEXT }, at }]);
      await saveForm(db, {
        platform: 'sandbox',
        chatId: 'dm:u-jw',
        userId: 'u-jw',
        formName: 'clue',
        step: 2,
        answers: { summary: TEXT },
        trail: [0, 1],
        context: {},
        failures: 0,
        expiresAt: at,
      });
      expect(await new InboxWriter(db).store('lark', 'e1', { text: TEXT }, at)).toBe(true);
      await addSandboxMessage(db, { id: 'm1', chatId: 'dm:u-jw', senderId: 'u-jw', fromBot: false, text: TEXT, at });

      const stored = [
        (await db.outboxMessage.findFirstOrThrow()).payload,
        (await db.formSession.findFirstOrThrow()).answers,
        (await db.platformInbox.findFirstOrThrow()).payload,
        (await db.sandboxMessage.findFirstOrThrow()).text,
      ];
      for (const v of stored)
        expect({ sealed: isSealed(v), clear: v.includes(TEXT) }).toEqual({ sealed: true, clear: false });

      expect((await sendable(db, at, ['sandbox']))[0]!.message.text).toBe(TEXT);
      expect((await findForm(db, 'sandbox', 'dm:u-jw', 'u-jw'))!.answers).toEqual({ summary: TEXT });
      expect(JSON.parse((await unprocessedInbox(db, 'lark'))[0]!.payload)).toEqual({ text: TEXT });
      expect((await sandboxMessages(db, 'dm:u-jw'))[0]!.text).toBe(TEXT);

      // under another key they cannot be opened: words in their place, nothing thrown
      useKeyRing({ current: 'k9', keys: new Map([['k9', newDataKey()]]) });
      expect((await sendable(db, at, ['sandbox']))[0]!.message.text).toContain('内容已加密');
      expect((await findForm(db, 'sandbox', 'dm:u-jw', 'u-jw'))!.answers).toEqual({});
      expect((await unprocessedInbox(db, 'lark'))[0]!.payload).toBe('{}');
      expect((await sandboxMessages(db, 'dm:u-jw'))[0]!.text).toContain('内容已加密');
    } finally {
      await db.$disconnect();
    }
  });

  it('plain text sealed once, then sealed again under a new key; what no key opens is counted', async () => {
    const { db } = await freshDb();
    try {
      // written before any key: a restricted clue's note and an ordinary clue's, and an outbox row
      useKeyRing(undefined);
      await enqueue(db, [{ key: 'o1', message: { platform: 'sandbox', to: { userId: 'u-jw' }, text: TEXT }, at }]);
      await addSandboxMessage(db, { id: 'm1', chatId: 'dm:u-jw', senderId: 'u-jw', fromBot: false, text: TEXT, at });
      expect((await sealedCounts(db)).byKey).toEqual({});

      useKeyRing({ current: 'k1', keys: new Map([['k1', k1]]) });
      const first = await sealPlaintext(db);
      expect(first.sealed).toBe(2); // the outbox payload and the sandbox text ('[]' attachments stay)
      expect(first.walTruncated).toBe(true);
      expect(await sealPlaintext(db)).toEqual({ sealed: 0, walTruncated: true });
      expect((await sealedCounts(db)).byKey).toEqual({ k1: 2 });

      useKeyRing({
        current: 'k2',
        keys: new Map([
          ['k1', k1],
          ['k2', k2],
        ]),
      });
      expect(await resealUnder(db, 'k2')).toEqual({ resealed: 2, unreadable: 0 });
      expect((await sealedCounts(db)).byKey).toEqual({ k2: 2 });
      expect((await sandboxMessages(db, 'dm:u-jw'))[0]!.text).toBe(TEXT);

      // a value sealed under a key this ring lacks: left as it is, counted, the rest done
      useKeyRing({ current: 'k1', keys: new Map([['k1', k1]]) });
      await addSandboxMessage(db, { id: 'm2', chatId: 'dm:u-jw', senderId: 'u-jw', fromBot: false, text: TEXT, at });
      useKeyRing({
        current: 'k3',
        keys: new Map([
          ['k1', k1],
          ['k3', newDataKey()],
        ]),
      });
      expect(await resealUnder(db, 'k3')).toEqual({ resealed: 1, unreadable: 2 });
      expect((await sealedCounts(db)).byKey).toEqual({ k2: 2, k3: 1 });
    } finally {
      await db.$disconnect();
    }
  });
});
