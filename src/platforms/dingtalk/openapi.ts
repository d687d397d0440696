// DingTalk's OpenAPI with the app's access token: the token fetched from DINGTALK_API_URL
// (POST /v1.0/oauth2/accessToken, valid 7,200 s), kept and fetched again 5 minutes before it
// expires or when DingTalk says it is no longer valid; every answer mapped to the outbox's
// SendError: throttling and 5xx retried with backoff, permanent errors given up.
import { SendError } from '../../chat/adapter.js';
import type { DingtalkConfig } from '../../config/dingtalk.js';

/** fetched again this long before DingTalk says it expires */
const EARLY_MS = 5 * 60_000;
const TIMEOUT_MS = 15_000;

/** What an OpenAPI call answered: the HTTP status and the JSON body. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: string | null;
}

/** A throttling answer: the new API's 429 or Forbidden.AccessDenied.Qp*Limit*, the old one's 90018 / 90002 / 130101 / 410100. */
export function throttled(a: ApiAnswer): boolean {
  const code = String(a.body?.code ?? '');
  const errcode = Number(a.body?.errcode ?? 0);
  return (
    a.status === 429 ||
    /Qp[sm]Limit|Throttl|FlowControl/i.test(code) ||
    [90018, 90002, 130101, 410100].includes(errcode)
  );
}

/** How long a throttled sender waits: Retry-After when given; a per-minute quota a minute, else 2 s. */
export function throttleWait(a: ApiAnswer): number {
  const after = Number(a.retryAfter);
  if (Number.isFinite(after) && after > 0) return Math.min(after * 1000, 10 * 60_000);
  const code = String(a.body?.code ?? '');
  return /Qpm|Minute/i.test(code) || [130101, 410100].includes(Number(a.body?.errcode)) ? 60_000 : 2000;
}

/** The outbox's error for a failed answer (not throttled and not an expired token). */
export function errorOf(what: string, a: ApiAnswer): SendError {
  const code = a.body?.code ?? a.body?.errcode ?? '';
  const message = String(a.body?.message ?? a.body?.errmsg ?? '').slice(0, 120);
  const text = `钉钉${what}失败（HTTP ${a.status} ${code} ${message}）`.replace(/\s+）/, '）');
  if (throttled(a)) return new SendError(`钉钉限流：${text}`, true, throttleWait(a));
  // 5xx and timeouts: DingTalk could not answer now; 4xx: the request is wrong, retrying cannot help
  return new SendError(text, a.status >= 500 || a.status === 0);
}

export class OpenApi {
  private token: { value: string; until: number } | undefined;
  private fetching: Promise<string> | undefined;

  constructor(
    private readonly config: Pick<DingtalkConfig, 'clientId' | 'clientSecret' | 'apiUrl' | 'oapiUrl'>,
    /** real time: tokens expire by DingTalk's clock, not the simulated one */
    private readonly now: () => number = Date.now,
  ) {}

  /** The access token, fetched when there is none or it expires within 5 minutes. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    this.fetching ??= this.fetchToken().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  /** DingTalk said the token is not valid: the next call fetches another. */
  forget(): void {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const a = await request(`${this.config.apiUrl}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: this.config.clientId, appSecret: this.config.clientSecret }),
    });
    const value = a.body?.accessToken;
    if (a.status !== 200 || typeof value !== 'string') {
      const e = errorOf('获取 access_token', a);
      // a refused Client ID or Secret is not retried as a message failure: it waits for the fix
      throw a.status === 400 || a.status === 401 || a.status === 403 ? new SendError(e.message, true, 60_000, true) : e;
    }
    const seconds = Number(a.body.expireIn ?? 7200);
    this.token = { value, until: this.now() + Math.max(60_000, seconds * 1000 - EARLY_MS) };
    return value;
  }

  /** A call to the new API (api.dingtalk.com): JSON in, JSON out, the token in its header; once more with a new token when it expired. */
  async call(what: string, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const a = await request(`${this.config.apiUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
        body: JSON.stringify(body),
      });
      if (a.status === 200) return a.body;
      if (attempt === 0 && expired(a)) {
        this.forget();
        continue;
      }
      throw errorOf(what, a);
    }
  }

  /** media/upload on the old API: the file's media_id (images for sampleImageMsg, files for sampleFile). */
  async upload(type: 'image' | 'file', name: string, bytes: Buffer): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(bytes)]), name);
      const url = `${this.config.oapiUrl}/media/upload?access_token=${encodeURIComponent(token)}&type=${type}`;
      const a = await request(url, { method: 'POST', body: form });
      const errcode = Number(a.body?.errcode ?? 0);
      if (a.status === 200 && errcode === 0 && typeof a.body.media_id === 'string') return a.body.media_id;
      // 40014 / 42001: the token is not valid (any more)
      if (attempt === 0 && [40014, 42001].includes(errcode)) {
        this.forget();
        continue;
      }
      throw errorOf('上传文件', a);
    }
  }

  /** A file a message carries, by its downloadCode: the temporary URL, then the bytes. */
  async download(robotCode: string, downloadCode: string): Promise<Buffer> {
    const { downloadUrl } = await this.call('下载文件', 'POST', '/v1.0/robot/messageFiles/download', {
      downloadCode,
      robotCode,
    });
    if (typeof downloadUrl !== 'string') throw new Error('钉钉未返回下载地址');
    const res = await fetch(downloadUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`下载文件失败（HTTP ${res.status}）`);
    return Buffer.from(await res.arrayBuffer());
  }
}

/** The token expired or was refused: the new API's 401 / InvalidAuthentication, the old one's 40014 / 42001. */
function expired(a: ApiAnswer): boolean {
  return a.status === 401 || /InvalidAuthentication|token/i.test(String(a.body?.code ?? ''));
}

/** One HTTP request; a network failure or timeout is an answer with status 0 (retried). */
export async function request(url: string, init: RequestInit): Promise<ApiAnswer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { message: text.slice(0, 120) };
    }
    return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    return { status: 0, body: { message: String((err as Error)?.message ?? err).slice(0, 120) } };
  }
}
