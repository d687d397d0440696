// Markdown for the platforms whose messages are markdown (WeCom, DingTalk): people's text shown as
// written, and the bot's recent messages remembered by their text, since a quote on those
// platforms carries the quoted text (WeCom: no message id; DingTalk: not always).

/** Markup that opens a line: a heading, a quote, a list item (or a rule). */
const LINE_START = /^(\s*)(#|>|[-+](?=\s|$))/;
/** A numbered item: 1. or 1) at the start of a line; its dot is escaped. */
const NUMBERED = /^(\s*\d+)([.)])(?=\s)/;

export interface MarkdownDialect {
  /** the characters the platform reads as markup anywhere in a line */
  inline: RegExp;
  /** a link's :// broken with a zero-width space (the platform makes any address a link) */
  breakLinks?: boolean;
  /** what ends a line (DingTalk joins single lines unless they end with two spaces) */
  lineEnd: string;
}

/**
 * Text as the platform's markdown, shown as written: its markup characters escaped with a
 * backslash, a tag opener (<@all>, <font …>) made a full-width ＜, and an @所有人 / @all typed by
 * someone made a full-width ＠, so that it notifies nobody. The bot's own words (prompts/) are plain
 * text too, so a whole message is escaped.
 */
export function escapeMarkdown(text: string, d: MarkdownDialect): string {
  return text
    .split('\n')
    .map((line) => {
      let out = line
        .replace(d.inline, (c) => `\\${c}`)
        .replace(/</g, '＜')
        .replace(/@(?=所有人|all\b)/gi, '＠');
      if (d.breakLinks) out = out.replace(/(https?):\/\//gi, '$1:\u200b//');
      return out
        .replace(LINE_START, (_, space: string, mark: string) => `${space}\\${mark}`)
        .replace(NUMBERED, (_, n: string, mark: string) => `${n}\\${mark}`);
    })
    .join(d.lineEnd);
}

/** Undoes escapeMarkdown (and ignores the spacing), to compare a quoted message with what the bot sent. */
export function plainOf(text: string): string {
  return text
    .replace(/\\([\\`*_~[\]()!|#>+\-.0-9])/g, '$1')
    .replace(/＜/g, '<')
    .replace(/＠/g, '@')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, '');
}

/** The bot's recent text messages per chat, to find the one a quote shows (none after a restart). */
export class RecentMessages {
  private readonly recent: Array<{ chat: string; plain: string; id: string }> = [];

  /** `keep`: how many of the bot's last messages a quote is matched against */
  constructor(private readonly keep = 500) {}

  remember(chat: string, markdown: string, id: string): void {
    this.recent.push({ chat, plain: plainOf(markdown), id });
    if (this.recent.length > this.keep) this.recent.shift();
  }

  has(id: string): boolean {
    return this.recent.some((r) => r.id === id);
  }

  /** The latest message in `chat` whose text the quote shows (whole, or the first 10 characters or more of it). */
  quoted(chat: string, quotedText: string | undefined): string | undefined {
    const q = plainOf(quotedText ?? '');
    if (!q) return undefined;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const r = this.recent[i]!;
      if (r.chat !== chat) continue;
      if (r.plain === q || (q.length >= 10 && (r.plain.startsWith(q) || q.startsWith(r.plain)))) return r.id;
    }
    return undefined;
  }
}
