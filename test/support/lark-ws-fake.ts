// The long-connection side of the Feishu fake: the endpoint-discovery call and a
// WebSocket speaking the SDK's protobuf frames (pbbp2.Frame), encoded here by hand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// --- minimal protobuf for pbbp2.Frame {1 SeqID u64, 2 LogID u64, 3 service i32, 4 method i32,
//     5 headers {1 key, 2 value}[], 6 payloadEncoding, 7 payloadType, 8 payload bytes, 9 LogIDNew}
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const bytesField = (field: number, b: Uint8Array) => [...tag(field, 2), ...varint(b.length), ...b];
const strField = (field: number, s: string) => bytesField(field, Buffer.from(s, 'utf8'));

export interface Frame {
  method: number;
  service: number;
  headers: Record<string, string>;
  payload: Buffer;
}

export function encodeFrame(f: Frame): Buffer {
  const out = [
    ...tag(1, 0),
    ...varint(1),
    ...tag(2, 0),
    ...varint(1),
    ...tag(3, 0),
    ...varint(f.service),
    ...tag(4, 0),
    ...varint(f.method),
  ];
  for (const [k, v] of Object.entries(f.headers))
    out.push(...bytesField(5, Buffer.from([...strField(1, k), ...strField(2, v)])));
  out.push(...bytesField(8, f.payload));
  return Buffer.from(out);
}

function readVarint(b: Buffer, pos: number): [number, number] {
  let n = 0;
  let mul = 1;
  for (;;) {
    const byte = b[pos++]!;
    n += (byte & 127) * mul;
    if (byte < 128) return [n, pos];
    mul *= 128;
  }
}

export function decodeFrame(b: Buffer): Frame {
  const f: Frame = { method: 0, service: 0, headers: {}, payload: Buffer.alloc(0) };
  let pos = 0;
  while (pos < b.length) {
    let key: number;
    [key, pos] = readVarint(b, pos);
    const field = Math.floor(key / 8);
    if ((key & 7) === 0) {
      let v: number;
      [v, pos] = readVarint(b, pos);
      if (field === 3) f.service = v;
      if (field === 4) f.method = v;
    } else {
      let len: number;
      [len, pos] = readVarint(b, pos);
      const chunk = b.subarray(pos, pos + len);
      pos += len;
      if (field === 8) f.payload = Buffer.from(chunk);
      if (field === 5) {
        // a header: two string fields, key and value
        let p = 0;
        const kv: string[] = [];
        while (p < chunk.length) {
          let k2: number;
          [k2, p] = readVarint(chunk, p);
          let l2: number;
          [l2, p] = readVarint(chunk, p);
          kv[Math.floor(k2 / 8) - 1] = chunk.subarray(p, p + l2).toString('utf8');
          p += l2;
        }
        f.headers[kv[0] ?? ''] = kv[1] ?? '';
      }
    }
  }
  return f;
}

export class FakeLarkWs {
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly sockets: WebSocket[] = [];
  readonly responses: Frame[] = [];
  port = 0;

  /** Serves the WebSocket on its own port; the HTTP fake answers the endpoint discovery. */
  async start(server = http.createServer()): Promise<void> {
    server.on('upgrade', (req, socket, head) =>
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req)),
    );
    this.wss.on('connection', (ws) => {
      this.sockets.push(ws);
      ws.on('message', (data) => this.responses.push(decodeFrame(data as Buffer)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
  private server: http.Server | undefined;

  endpointAnswer() {
    return {
      code: 0,
      msg: 'ok',
      data: {
        URL: `ws://127.0.0.1:${this.port}/ws?device_id=dev1&service_id=7`,
        ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 1 },
      },
    };
  }

  /** Pushes an event to every connected client, as one data frame. */
  push(event: unknown, messageId = `msg-${Date.now()}`): void {
    const frame = encodeFrame({
      method: 1,
      service: 7,
      headers: { type: 'event', message_id: messageId, sum: '1', seq: '0', trace_id: 'trace' },
      payload: Buffer.from(JSON.stringify(event)),
    });
    for (const s of this.sockets) s.send(frame);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
