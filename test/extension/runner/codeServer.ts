import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import type { Sandbox } from './sandbox';
import type { ToolPaths } from './versions';

const READY_LIMIT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface CodeServer {
  url: string;
  /** The `vscode-remote://` URI under which the workbench sees a local path. */
  remoteUri(absolutePath: string): string;
  /** Everything code-server printed, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

/** The flags that keep code-server local, quiet and free of first-run UI. */
function serverArgs(sandbox: Sandbox, port: number): string[] {
  return [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', sandbox.extensionsDir,
    '--config', sandbox.configFile,
    // a release build ignores the ?payload= development options (extensionDevelopmentPath,
    // extensionTestsPath) unless the smoke-test driver is enabled
    '--vscode-option', 'enable-smoke-test-driver',
    '--vscode-option', 'disable-experiments',
  ];
}

/**
 * Starts code-server on a free loopback port in its own process group and waits for `/healthz`.
 * `env` is added to its environment, which the extension host inherits. code-server's wrapper
 * gives its child process 10 s to start; on a machine that busy the start is tried once more.
 */
export async function startCodeServer(tools: ToolPaths, sandbox: Sandbox, env: Record<string, string> = {}): Promise<CodeServer> {
  try {
    return await startOnce(tools, sandbox, env);
  } catch (error) {
    if (!(error instanceof StartTimeout)) throw error;
    return startOnce(tools, sandbox, env);
  }
}

/** code-server's parent process gave up waiting for its child (the machine is overloaded). */
class StartTimeout extends Error {}

async function startOnce(tools: ToolPaths, sandbox: Sandbox, env: Record<string, string>): Promise<CodeServer> {
  const port = await freePort();
  const child = spawn(tools.node, [tools.codeServerEntry, ...serverArgs(sandbox, port)], {
    env: { ...process.env, ...sandbox.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (data: Buffer) => chunks.push(String(data)));
  child.stderr?.on('data', (data: Buffer) => chunks.push(String(data)));
  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    output: () => chunks.join(''),
    stop: () => stopGroup(child),
  };
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    await server.stop();
    const message = `${(error as Error).message}\n${server.output()}`;
    throw /\berror timed out\b/.test(server.output()) ? new StartTimeout(message) : new Error(message);
  }
  return server;
}

/** Runs code-server's CLI once (e.g. `--install-extension x.vsix`) against the sandbox. */
export function runCodeServerCli(tools: ToolPaths, sandbox: Sandbox, args: string[]): Promise<{ code: number; output: string }> {
  const child = spawn(tools.node, [tools.codeServerEntry,
    '--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir, '--config', sandbox.configFile, ...args], {
    env: { ...process.env, ...sandbox.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (data: Buffer) => chunks.push(String(data)));
  child.stderr.on('data', (data: Buffer) => chunks.push(String(data)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output: chunks.join('') }));
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > READY_LIMIT_MS) throw new Error(`code-server did not answer ${url}/healthz within ${READY_LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops code-server and everything it started (extension host, language servers) by its process group. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_GRACE_MS))]);
  // the extension host and its children share the group: make sure none outlives the run
  signalGroup(pid, timedOut ? 'SIGKILL' : 'SIGTERM');
  if (timedOut) await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
