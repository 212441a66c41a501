/**
 * A minimal RFC 6455 WebSocket client (text messages, ping/pong, close, fragmentation) on `http`.
 * Enough for a Chrome DevTools Protocol endpoint on loopback; Node 20 has no global WebSocket
 * without a flag, and this avoids a dependency.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

export interface WebSocketEvents {
  message: [text: string];
  close: [code: number, reason: string];
  error: [error: Error];
}

export class MiniWebSocket extends EventEmitter<WebSocketEvents> {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private closed = false;
  /** Bytes needed before the next frame can be parsed. */
  private needed = 0;

  private constructor(private readonly socket: Socket, head: Buffer) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('close', () => this.finish(1006, 'connection lost'));
    socket.on('error', (err) => {
      this.emit('error', err);
      this.finish(1006, err.message);
    });
    if (head.length > 0) this.onData(head);
  }

  /** Opens `ws://host:port/path`; rejects on a refused connection, a bad handshake or the timeout. */
  static connect(url: string, timeoutMs: number): Promise<MiniWebSocket> {
    const target = new URL(url);
    if (target.protocol !== 'ws:') return Promise.reject(new Error(`only ws: URLs are supported, not ${target.protocol}`));
    const key = randomBytes(16).toString('base64');
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: target.hostname,
        port: target.port || 80,
        path: target.pathname + target.search,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
        timeout: timeoutMs,
      });
      const fail = (err: Error): void => {
        req.destroy();
        reject(err);
      };
      req.on('timeout', () => fail(new Error(`WebSocket handshake with ${target.host} timed out after ${timeoutMs} ms`)));
      req.on('error', fail);
      req.on('response', (res) => {
        res.resume();
        fail(new Error(`WebSocket handshake refused: HTTP ${res.statusCode}`));
      });
      req.on('upgrade', (res, socket, head) => {
        const expected = createHash('sha1').update(key + GUID).digest('base64');
        if (res.headers['sec-websocket-accept'] !== expected) {
          socket.destroy();
          reject(new Error('WebSocket handshake failed: bad Sec-WebSocket-Accept'));
          return;
        }
        socket.setTimeout(0);
        resolve(new MiniWebSocket(socket, head));
      });
      req.end();
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  send(text: string): void {
    if (this.closed) throw new Error('WebSocket is closed');
    this.socket.write(frame(0x1, Buffer.from(text, 'utf8')));
  }

  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.socket.end(frame(0x8, payload));
    this.finish(code, reason);
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.emit('close', code, reason);
  }

  private onData(data: Buffer): void {
    this.buffered.push(data);
    this.bufferedBytes += data.length;
    if (this.bufferedBytes < this.needed) return; // a large frame still arriving: don't re-join yet
    let buf = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered, this.bufferedBytes);
    let offset = 0;
    for (;;) {
      let parsed: ReturnType<typeof readFrame>;
      try {
        parsed = readFrame(buf, offset);
      } catch (err) {
        this.protocolError((err as Error).message);
        return;
      }
      if ('need' in parsed) {
        this.needed = parsed.need;
        break;
      }
      offset = parsed.next;
      if (!this.onFrame(parsed.fin, parsed.opcode, parsed.payload)) return;
    }
    buf = buf.subarray(offset);
    this.buffered = buf.length ? [buf] : [];
    this.bufferedBytes = buf.length;
  }

  /** Returns false once the connection is closed. */
  private onFrame(fin: boolean, opcode: number, payload: Buffer): boolean {
    switch (opcode) {
      case 0x0: // continuation
      case 0x1: // text
      case 0x2: // binary
        this.fragments.push(payload);
        this.fragmentBytes += payload.length;
        if (this.fragmentBytes > MAX_MESSAGE_BYTES) {
          this.protocolError('message too large');
          return false;
        }
        if (fin) {
          const message = Buffer.concat(this.fragments, this.fragmentBytes).toString('utf8');
          this.fragments = [];
          this.fragmentBytes = 0;
          this.emit('message', message);
        }
        return !this.closed;
      case 0x8: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        const reason = payload.subarray(2).toString('utf8');
        if (!this.closed) this.socket.end(frame(0x8, payload.subarray(0, 2)));
        this.finish(code, reason);
        return false;
      }
      case 0x9:
        if (!this.closed) this.socket.write(frame(0xa, payload));
        return true;
      case 0xa:
        return true;
      default:
        this.protocolError(`unknown opcode ${opcode}`);
        return false;
    }
  }

  private protocolError(message: string): void {
    this.emit('error', new Error(`WebSocket protocol error: ${message}`));
    this.close(1002, message);
  }
}

type ParsedFrame = { fin: boolean; opcode: number; payload: Buffer; next: number } | { need: number };

/** Parses the frame at `offset`, or says how many bytes (from `offset`) it needs in total. */
function readFrame(buf: Buffer, offset: number): ParsedFrame {
  const available = buf.length - offset;
  if (available < 2) return { need: 2 };
  const b0 = buf[offset];
  const b1 = buf[offset + 1];
  let length = b1 & 0x7f;
  let header = 2;
  if (length === 126) {
    header = 4;
    if (available < header) return { need: header };
    length = buf.readUInt16BE(offset + 2);
  } else if (length === 127) {
    header = 10;
    if (available < header) return { need: header };
    const big = buf.readBigUInt64BE(offset + 2);
    if (big > BigInt(MAX_MESSAGE_BYTES)) throw new Error('frame too large');
    length = Number(big);
  }
  const masked = (b1 & 0x80) !== 0;
  if (masked) header += 4;
  if (available < header + length) return { need: header + length };
  const start = offset + header;
  let payload = buf.subarray(start, start + length);
  if (masked) {
    const maskAt = start - 4;
    payload = Buffer.from(payload);
    for (let i = 0; i < payload.length; i++) payload[i] ^= buf[maskAt + (i & 3)];
  }
  return { fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload, next: start + length };
}

/** A client frame: always masked (RFC 6455 §5.3). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = Buffer.alloc(headerLength + 4 + length);
  out[0] = 0x80 | opcode;
  if (length < 126) {
    out[1] = 0x80 | length;
  } else if (length < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, headerLength);
  for (let i = 0; i < length; i++) out[headerLength + 4 + i] = payload[i] ^ mask[i & 3];
  return out;
}
