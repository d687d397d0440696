// Pacing for WeChat, where an account that sends too fast is throttled or banned:
// at least 1 s between messages in one conversation, a random 3–5 s when switching
// to another, at most 30 a minute overall, and a daily count with a warning near a cap.
export interface PacingConfig {
  sameChatMs: number;
  switchMinMs: number;
  switchMaxMs: number;
  perMinute: number;
  dailyWarn: number;
}

export class Pacer {
  private lastChat: string | undefined;
  private lastAt = -Infinity;
  private minute: number[] = [];
  private day = '';
  sentToday = 0;

  constructor(
    readonly config: PacingConfig,
    private readonly random: () => number = Math.random,
  ) {}

  /** Milliseconds to wait before sending to `chat` at `now`. */
  delay(chat: string, now: number): number {
    const gap =
      chat === this.lastChat
        ? this.config.sameChatMs
        : this.config.switchMinMs + this.random() * (this.config.switchMaxMs - this.config.switchMinMs);
    const waits = [this.lastAt + gap - now];
    this.minute = this.minute.filter((t) => t > now - 60_000);
    if (this.minute.length >= this.config.perMinute)
      waits.push(this.minute[this.minute.length - this.config.perMinute]! + 60_000 - now);
    return Math.max(0, Math.ceil(Math.max(...waits)));
  }

  /** Records a send; returns true when the daily count just reached the warning level. */
  record(chat: string, now: number, day: string): boolean {
    this.lastChat = chat;
    this.lastAt = now;
    this.minute.push(now);
    if (day !== this.day) {
      this.day = day;
      this.sentToday = 0;
    }
    this.sentToday++;
    return this.sentToday === this.config.dailyWarn;
  }

  /** A rough finish time for `count` messages over `chats` conversations (for the log). */
  estimateMs(count: number, chats: number): number {
    const avgSwitch = (this.config.switchMinMs + this.config.switchMaxMs) / 2;
    const byGaps = chats * avgSwitch + Math.max(0, count - chats) * this.config.sameChatMs;
    const byCap = Math.max(0, count - this.config.perMinute) * (60_000 / this.config.perMinute);
    return Math.max(byGaps, byCap);
  }
}
