// A background worker that compresses uploads and hashes passwords for the account service.
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';

const execFileAsync = promisify(execFile);
const scrypt = promisify(crypto.scrypt);

export async function compressUpload(data: Buffer): Promise<Buffer> {
  // ❌ CPU-bound compression on the event loop: every other job waits for it.
  return zlib.gzipSync(data);
}

export async function hashPassword(password: string, salt: string): Promise<Buffer> {
  // ✅ Runs on libuv's thread pool; the event loop stays free.
  return (await scrypt(password, salt, 64)) as Buffer;
}

export async function legacyHash(password: string, salt: string): Promise<Buffer> {
  // ❌ 100,000 iterations of SHA-512 on the event loop.
  return crypto.pbkdf2Sync(password, salt, 100_000, 64, 'sha512');
}

export async function backOff(attempt: number): Promise<void> {
  const until = Date.now() + 2 ** attempt * 100;
  // ❌ A busy-wait: the thread spins, nothing else runs.
  while (Date.now() < until) {}
}

export async function backOffProperly(attempt: number): Promise<void> {
  // ✅ A timer: other work runs while we wait.
  await sleep(2 ** attempt * 100);
}

export async function optimise(file: string): Promise<string> {
  // ✅ The child runs while the event loop serves other jobs.
  const { stdout } = await execFileAsync('optipng', [file]);
  return stdout;
}
