/**
 * Overhead of the live tracker: a promise-heavy micro-benchmark and an HTTP server on loopback,
 * each without the tracker, with it (no stacks: the default) and with creation stacks on.
 * Runs alternate between variants so drift hits all of them; medians are reported. Writes the
 * figures between the markers in README.md next to this file (`--no-write` to only print).
 *
 * Env: BENCH_ROUNDS (default 3), BENCH_ITERATIONS (micro loop, default 200,000), BENCH_REQUESTS (default 3,000).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { trackerImportModule } from '../../extension/src/live/tracker/trackerSource';
import { runLoad, type LoadResult } from './load';

const rounds = Number(process.env.BENCH_ROUNDS || 3);
const iterations = Number(process.env.BENCH_ITERATIONS || 200_000);
const requests = Number(process.env.BENCH_REQUESTS || 3_000);
const concurrency = 16;

type Variant = 'off' | 'tracker' | 'stacks';
const variants: Variant[] = ['off', 'tracker', 'stacks'];

function nodeArgs(variant: Variant, trackerFile: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = variant === 'off' ? [] : ['--import', pathToFileURL(trackerFile).href];
  return { args, env: { ...process.env, BENCH_STACKS: variant === 'stacks' ? '1' : '0', BENCH_ITERATIONS: String(iterations) } };
}

async function microRun(variant: Variant, trackerFile: string): Promise<number> {
  const { args, env } = nodeArgs(variant, trackerFile);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, path.join(__dirname, 'promises.js')], { env, timeout: 600_000 });
  return (JSON.parse(stdout.trim()) as { ms: number }).ms;
}

/** How many promises one micro run creates (awaits included), from a counting hook. */
async function countPromises(): Promise<number> {
  const env = { ...process.env, BENCH_COUNT: '1', BENCH_STACKS: '0', BENCH_ITERATIONS: String(iterations) };
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'promises.js')], { env, timeout: 600_000 });
  return (JSON.parse(stdout.trim()) as { created: number }).created;
}

async function httpRun(variant: Variant, trackerFile: string): Promise<LoadResult> {
  const { args, env } = nodeArgs(variant, trackerFile);
  const server = spawn(process.execPath, [...args, path.join(__dirname, 'server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start')), 30_000);
      server.stdout!.once('data', (d: Buffer) => {
        clearTimeout(timer);
        resolve((JSON.parse(d.toString()) as { port: number }).port);
      });
      server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    await runLoad(port, Math.min(500, requests), concurrency); // warm-up
    return await runLoad(port, requests, concurrency);
  } finally {
    server.kill('SIGTERM');
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'loopguard-bench-'));
  const trackerFile = path.join(dir, 'tracker.mjs');
  await writeFile(trackerFile, trackerImportModule());
  const micro: Record<Variant, number[]> = { off: [], tracker: [], stacks: [] };
  const web: Record<Variant, LoadResult[]> = { off: [], tracker: [], stacks: [] };
  const load = loadavg()[0];
  const promiseCount = await countPromises();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const v of variants) micro[v].push(await microRun(v, trackerFile));
      for (const v of variants) web[v].push(await httpRun(v, trackerFile));
      process.stderr.write(`round ${r + 1}/${rounds} done\n`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const m = Object.fromEntries(variants.map((v) => [v, median(micro[v])])) as Record<Variant, number>;
  const rps = Object.fromEntries(variants.map((v) => [v, median(web[v].map((x) => x.requestsPerSecond))])) as Record<Variant, number>;
  const p99 = Object.fromEntries(variants.map((v) => [v, median(web[v].map((x) => x.p99Ms))])) as Record<Variant, number>;
  const perPromiseUs = (v: Variant): string => (((m[v] - m.off) * 1000) / promiseCount).toFixed(2);
  const pct = (a: number, b: number): string => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)}%`;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}, ${rounds} rounds (medians), load average ${load.toFixed(1)} at start.`,
    '',
    `| workload | no tracker | tracker (default, no stacks) | tracker with creation stacks |`,
    `| --- | --- | --- | --- |`,
    `| micro: ${promiseCount.toLocaleString('en')} promises created, time | ${m.off.toFixed(0)} ms | ${m.tracker.toFixed(0)} ms (×${(m.tracker / m.off).toFixed(1)}, ${perPromiseUs('tracker')} µs/promise) | ${m.stacks.toFixed(0)} ms (×${(m.stacks / m.off).toFixed(1)}, ${perPromiseUs('stacks')} µs/promise) |`,
    `| HTTP on loopback: ${requests.toLocaleString('en')} requests, ${concurrency} connections, requests/s | ${rps.off.toFixed(0)} | ${rps.tracker.toFixed(0)} (${pct(rps.tracker, rps.off)}) | ${rps.stacks.toFixed(0)} (${pct(rps.stacks, rps.off)}) |`,
    `| HTTP p99 latency | ${p99.off.toFixed(1)} ms | ${p99.tracker.toFixed(1)} ms | ${p99.stacks.toFixed(1)} ms |`,
  ].join('\n');
  process.stdout.write(table + '\n');
  if (!process.argv.includes('--no-write')) {
    const readme = path.join(__dirname, 'README.md');
    const text = await readFile(readme, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error('README.md lacks the bench markers');
    await writeFile(readme, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
