// Small HTTP helpers shared by the platform servers (the sandbox page, the Feishu webhook).
import type http from 'node:http';

/** An answer with a status: thrown by a handler, written by the server's catch. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The raw body as text, refused with 413 past `max` bytes. */
export async function readBody(req: http.IncomingMessage, max: number, tooLarge = 'body too large'): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
