/**
 * How the live view talks to one js-debug session: CDP through js-debug's proxy when it can,
 * DAP `evaluate` (context "clipboard", which returns long strings whole) when it cannot.
 * Every request has a timeout; a parent (launcher) session never answers, so we only talk to the
 * child target session.
 */
import * as vscode from 'vscode';
import { CdpClient, type CdpEndpoint } from '../cdp/cdpClient';
import { unquoteEvaluateResult } from '../launchConfig';

export const EVALUATE_TIMEOUT_MS = 3_000;
const CDP_RETRY_MS = 5_000;

export class SessionChannel {
  private cdp: CdpClient | undefined;
  private lastAttempt = 0;
  private cdpConnecting: Promise<CdpClient | undefined> | undefined;

  constructor(readonly session: vscode.DebugSession, private readonly log: (line: string) => void) {}

  /**
   * The CDP connection through js-debug's proxy; undefined when there is none (yet). A failed
   * attempt is retried at most every few seconds (early in a session the proxy may not be ready),
   * or at once with `force`.
   */
  async cdpClient(force = false): Promise<CdpClient | undefined> {
    if (this.cdp && !this.cdp.closed) return this.cdp;
    if (this.cdpConnecting) return this.cdpConnecting;
    if (!force && Date.now() - this.lastAttempt < CDP_RETRY_MS) return undefined;
    this.lastAttempt = Date.now();
    this.cdpConnecting = this.connect().finally(() => (this.cdpConnecting = undefined));
    return this.cdpConnecting;
  }

  private async connect(): Promise<CdpClient | undefined> {
    try {
      const endpoint = await withTimeout(
        Promise.resolve(vscode.commands.executeCommand<CdpEndpoint | undefined>('extension.js-debug.requestCDPProxy', this.session.id)),
        EVALUATE_TIMEOUT_MS,
        'requestCDPProxy',
      );
      if (!endpoint || typeof endpoint.host !== 'string' || typeof endpoint.port !== 'number') {
        this.log(`[live] js-debug gave no CDP proxy for "${this.session.name}" (answer: ${JSON.stringify(endpoint)}); using DAP evaluate`);
        return undefined;
      }
      this.cdp = await CdpClient.connect(endpoint, EVALUATE_TIMEOUT_MS);
      this.log(`[live] connected to "${this.session.name}" through js-debug's CDP proxy`);
      this.cdp.onClose((reason) => this.log(`[live] CDP connection to "${this.session.name}" closed: ${reason}`));
      return this.cdp;
    } catch (err) {
      this.log(`[live] no CDP proxy for "${this.session.name}" (${(err as Error).message}); using DAP evaluate`);
      return undefined;
    }
  }

  /** Evaluates an expression whose value is a string (or null); returns the string. */
  async evaluateString(expression: string, timeoutMs = EVALUATE_TIMEOUT_MS): Promise<string | undefined> {
    const cdp = await this.cdpClient();
    if (cdp) {
      const { result, exceptionDetails } = await cdp.send<{ result?: { value?: unknown }; exceptionDetails?: unknown }>(
        'Runtime.evaluate',
        { expression, returnByValue: true, silent: true },
        timeoutMs,
      );
      if (exceptionDetails) return undefined;
      return typeof result?.value === 'string' ? result.value : result?.value === undefined || result.value === null ? undefined : String(result.value);
    }
    const response = await withTimeout(
      Promise.resolve(this.session.customRequest('evaluate', { expression, context: 'clipboard' })),
      timeoutMs,
      'evaluate',
    );
    return unquoteEvaluateResult((response as { result?: unknown } | undefined)?.result);
  }

  dispose(): void {
    this.cdp?.close();
    this.cdp = undefined;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
