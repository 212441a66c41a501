import { format } from 'node:util';

import type { BrowserContext, Page } from 'playwright-core';

import type { CodeServer } from './codeServer';

/** Workbench chatter that says nothing about the tests. */
const NOISE = /^(Creation of workbench contribution|Timed out waiting for authentication provider|\[DefaultAccount\]|Ignoring fetching additional builtin|Updating additional builtin|Creating a socket|Resolv|Started local extension host|Extension host test runner|\[AccountPolicyGate|\[AgentHost|\[reconnection|\[Service Worker)/;

const WORKBENCH_FRAME = /^\s+at .*https?:\/\/127\.0\.0\.1:\d+\//;

export interface WorkbenchOptions {
  /** Folder to open; none opens an empty window. */
  folder?: string;
  extensionDevelopmentPaths?: string[];
  extensionTestsPath?: string;
}

/** The workbench URL, with development options passed the way code-server's web client reads them. */
export function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const payload: [string, string][] = [
    ...(options.extensionDevelopmentPaths ?? []).map((p): [string, string] => ['extensionDevelopmentPath', server.remoteUri(p)]),
  ];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(options.extensionTestsPath)]);
  const query = [options.folder ? `folder=${encodeURIComponent(options.folder)}` : 'ew=true'];
  if (payload.length > 0) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/?${query.join('&')}`;
}

export interface TestRunOutcome {
  /** The code the extension host's test runner finished with; 124 on timeout. */
  exitCode: number;
  timedOut: boolean;
  /** Every line the extension host printed (console output arrives through the smoke-test driver). */
  log: string[];
}

/**
 * Opens the workbench with `extensionTestsPath` and waits until the extension host has run the
 * tests: the workbench then calls `window.codeAutomationExit(code)`.
 */
export async function runTestsInWorkbench(context: BrowserContext, server: CodeServer, options: WorkbenchOptions,
  timeoutMs: number, echo: (line: string) => void): Promise<TestRunOutcome> {
  const page: Page = context.pages()[0] ?? await context.newPage();
  const log: string[] = [];
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = format(...(args ?? []));
    log.push(line);
    if (NOISE.test(line)) return;
    // the workbench's own stack frames (http://127.0.0.1:PORT/...workbench.js) stay in the log file
    const shown = line.split('\n').filter((part) => !WORKBENCH_FRAME.test(part)).join('\n');
    echo(shown);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => finish(Number(code) || 0));
  page.on('pageerror', (error) => log.push(`[page error] ${error.message}`));
  page.on('crash', () => finish(70));
  // the run ends through codeAutomationExit; the page's own load event does not matter
  await page.goto(workbenchUrl(server, options), { waitUntil: 'commit' });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    finished.then((exitCode) => ({ exitCode, timedOut: false })),
    new Promise<{ exitCode: number; timedOut: boolean }>((resolve) => { timer = setTimeout(() => resolve({ exitCode: 124, timedOut: true }), timeoutMs); }),
  ]);
  clearTimeout(timer);
  return { ...outcome, log };
}
