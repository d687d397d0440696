// Sliding-window rate limits: per conversation and for the whole app.
export interface RateLimits {
  /** at most this many messages per second to one chat or person */
  perChatPerSecond: number;
  /** at most this many per second and per minute for the app */
  globalPerSecond: number;
  globalPerMinute: number;
}

/**
 * Feishu allows 5 messages/s per group, shared by every bot in it: stay at 4. The app may
 * send 50/s and 1,000/min: stay at 45/s and 900/min (90% of the binding minute limit).
 */
export const LARK_LIMITS: RateLimits = { perChatPerSecond: 4, globalPerSecond: 45, globalPerMinute: 900 };

export const UNLIMITED: RateLimits = {
  perChatPerSecond: Infinity,
  globalPerSecond: Infinity,
  globalPerMinute: Infinity,
};

export class RateLimiter {
  private readonly perChat = new Map<string, number[]>();
  private global: number[] = [];

  constructor(private readonly limits: RateLimits) {}

  /**
   * Milliseconds to wait before a message to `chat` may go at time `now` (0 = now). The
   * windows are closed: no span of one second (or one minute), ends included, ever holds
   * more than the limit — a message exactly 1000 ms after the 4th-last still waits 1 ms.
   */
  delayFor(chat: string, now: number): number {
    const chatTimes = (this.perChat.get(chat) ?? []).filter((t) => t >= now - 1000);
    this.perChat.set(chat, chatTimes);
    this.global = this.global.filter((t) => t >= now - 60_000);
    const waits = [0];
    const lastSecond = this.global.filter((t) => t >= now - 1000);
    if (chatTimes.length >= this.limits.perChatPerSecond)
      waits.push(chatTimes[chatTimes.length - this.limits.perChatPerSecond]! + 1001 - now);
    if (lastSecond.length >= this.limits.globalPerSecond)
      waits.push(lastSecond[lastSecond.length - this.limits.globalPerSecond]! + 1001 - now);
    if (this.global.length >= this.limits.globalPerMinute)
      waits.push(this.global[this.global.length - this.limits.globalPerMinute]! + 60_001 - now);
    return Math.max(...waits);
  }

  /** Records a message sent, at the moment its send completed (it reached the platform by then). */
  record(chat: string, now: number): void {
    const list = this.perChat.get(chat) ?? [];
    list.push(now);
    this.perChat.set(chat, list);
    this.global.push(now);
  }
}
