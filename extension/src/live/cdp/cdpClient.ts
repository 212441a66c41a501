/**
 * Chrome DevTools Protocol client over a WebSocket: requests with a timeout each, events,
 * a clear "closed" state. Works against `node --inspect` and js-debug's CDP proxy
 * (`extension.js-debug.requestCDPProxy` → `{ host, port, path }`).
 */
import { MiniWebSocket } from './webSocket';

export interface CdpEndpoint {
  host: string;
  port: number;
  path?: string;
}

export class CdpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

export class CdpTimeoutError extends CdpError {}
export class CdpClosedError extends CdpError {}

type Listener = (params: unknown) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  method: string;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closeReason: string | undefined;

  private constructor(private readonly ws: MiniWebSocket) {
    ws.on('message', (text) => this.onMessage(text));
    ws.on('close', (code, reason) => this.handleClose(reason || `closed (${code})`));
    ws.on('error', () => {
      // 'close' follows and rejects what is pending
    });
  }

  static async connect(target: string | CdpEndpoint, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<CdpClient> {
    return new CdpClient(await MiniWebSocket.connect(endpointUrl(target), timeoutMs));
  }

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Sends a request; rejects on a protocol error, on timeout, or when the connection closes. */
  send<T = unknown>(method: string, params: object = {}, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<T> {
    if (this.closeReason !== undefined) return Promise.reject(new CdpClosedError(`CDP connection closed: ${this.closeReason}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CdpTimeoutError(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, method });
      try {
        this.ws.send(JSON.stringify({ id, method, params }));
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new CdpClosedError(`CDP connection closed: ${(err as Error).message}`));
      }
    });
  }

  /** Listens to a CDP event; returns a function that stops listening. */
  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closeReason !== undefined) {
      listener(this.closeReason);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * js-debug's proxy forwards only the events a client subscribed to; plain Node ignores the
   * method. Resolves either way.
   */
  async subscribe(events: string[], timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<void> {
    try {
      await this.send('JsDebug.subscribe', { events }, timeoutMs);
    } catch (err) {
      if (!(err instanceof CdpError) || err instanceof CdpTimeoutError || err instanceof CdpClosedError) throw err;
      // "method not found" from a plain inspector: events flow without subscribing
    }
  }

  close(): void {
    this.ws.close();
    this.handleClose('closed by client');
  }

  private onMessage(text: string): void {
    let msg: { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: { message?: unknown; code?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      return; // not CDP: ignore
    }
    if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) {
        const message = typeof msg.error.message === 'string' ? msg.error.message : 'unknown error';
        p.reject(new CdpError(`${p.method}: ${message}`, typeof msg.error.code === 'number' ? msg.error.code : undefined));
      } else {
        p.resolve(msg.result ?? {});
      }
    } else if (typeof msg.method === 'string') {
      for (const l of [...(this.listeners.get(msg.method) ?? [])]) {
        try {
          l(msg.params);
        } catch {
          // a listener's bug must not break the connection
        }
      }
    }
  }

  private handleClose(reason: string): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new CdpClosedError(`CDP connection closed during ${p.method}: ${reason}`));
    }
    this.pending.clear();
    for (const l of [...this.closeListeners]) l(reason);
    this.closeListeners.clear();
  }
}

export function endpointUrl(target: string | CdpEndpoint): string {
  if (typeof target === 'string') return target;
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  const path = target.path ? (target.path.startsWith('/') ? target.path : `/${target.path}`) : '/';
  return `ws://${host}:${target.port}${path}`;
}
