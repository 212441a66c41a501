/**
 * Starts `node --inspect=127.0.0.1:0 <fixture>`, reads the inspector's WebSocket URL, and waits for
 * the fixture to print "ready" (the inspector listens before the program's first line runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fixturesDir } from './snapshotOf';

export interface InspectedProcess {
  child: ChildProcess;
  webSocketUrl: string;
  /** Kills the process and waits for it to exit. */
  stop(): Promise<void>;
}

export function startInspected(fixture: string, nodeArgs: string[] = [], timeoutMs = 20_000, programArgs: string[] = []): Promise<InspectedProcess> {
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...nodeArgs, path.join(fixturesDir, fixture), ...programArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    let stdout = '';
    let url: string | undefined;
    const check = (): void => {
      if (url && /^ready$/m.test(stdout)) {
        clearTimeout(timer);
        resolve({ child, webSocketUrl: url, stop });
      }
    };
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      stdout += text;
      check();
    });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`fixture not ready within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderr += text;
      const m = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(stderr);
      if (m) {
        url = m[0];
        check();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fixture exited (${code}) before the inspector listened: ${stderr}`));
    });
  });
}
