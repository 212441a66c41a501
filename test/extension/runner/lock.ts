import fs from 'node:fs';
import path from 'node:path';

const STALE_AFTER_MS = 30 * 60_000;
const WAIT_LIMIT_MS = 20 * 60_000;

interface LockOwner {
  pid: number;
  startedAt: number;
}

/**
 * Runs `work` while holding a lock directory next to the install, so two test runs on the same
 * machine never install into the same place at once. The directory is created atomically; a lock
 * whose owner process is gone (or that is older than 30 minutes) is taken over.
 */
export async function withInstallLock<T>(lockDir: string, work: () => Promise<T>, log: (line: string) => void): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const waitStarted = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockDir);
    if (!owner || !isAlive(owner.pid) || Date.now() - owner.startedAt > STALE_AFTER_MS) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`waiting for another install of the VS Code test tools (pid ${owner.pid}) to finish`);
      announced = true;
    }
    if (Date.now() - waitStarted > WAIT_LIMIT_MS) throw new Error(`the install lock ${lockDir} is still held by pid ${owner.pid}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, startedAt: Date.now() } satisfies LockOwner));
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function readOwner(lockDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.startedAt === 'number') return { pid: owner.pid, startedAt: owner.startedAt };
  } catch {
    // the owner has created the directory but not written its file yet, or the file is damaged
  }
  const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
  // give a fresh lock directory a moment to receive its owner file before treating it as stale
  return stat && Date.now() - stat.mtimeMs < 10_000 ? { pid: process.pid, startedAt: stat.mtimeMs } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
