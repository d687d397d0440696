// What the core asks of a platform adapter (sandbox, lark, wechat).
import type { RateLimits } from '../outbox/rate-limit.js';
import type { Outgoing } from './messages.js';

export interface PlatformAdapter {
  readonly platform: string;
  readonly limits: RateLimits;
  /**
   * Sends one message. The idempotency key is stable across retries: a platform that
   * supports it (Feishu `uuid`) must not show a duplicate; the sandbox returns the
   * message it already stored. Throws SendError on failure.
   */
  send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }>;
  /**
   * Sends many at once, in order, all or none (a platform without rate limits whose
   * messages are rows of its own: the sandbox). Returns their message ids.
   */
  sendBatch?(items: Array<{ message: Outgoing; key: string }>): Promise<string[]>;
  /**
   * true when the platform itself drops a repeated idempotency key (Feishu's uuid, the
   * sandbox): rows sent are then marked in batches, since a crash before the mark only
   * resends what the platform ignores. Otherwise (WeChat) each row is marked as it goes.
   */
  readonly idempotent?: boolean;
  /** false while the platform cannot send (logged out): rows wait, nothing is lost */
  ready?(): boolean;
  /** told how many messages a dispatch pass is about to send, to pace or report a wave */
  beforeBatch?(messages: Outgoing[]): void;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
    /** the platform asked to wait this long (e.g. a rate-limit reset) */
    readonly retryAfterMs?: number,
    /** not a failed attempt: the target is unavailable for now (an unresolved room); wait without counting */
    readonly hold = false,
  ) {
    super(message);
  }
}
