// Promise-heavy micro-benchmark: N awaits of fresh promises plus small Promise.all fan-outs.
// Prints the elapsed milliseconds (and, with BENCH_COUNT=1, how many promises it created). BENCH_STACKS=1 turns the tracker's creation stacks on.
const count = Number(process.env.BENCH_ITERATIONS || 200_000);
const tracker = globalThis[Symbol.for('loopguard.tracker')];
if (process.env.BENCH_STACKS === '1') {
  if (!tracker) throw new Error('BENCH_STACKS needs the tracker');
  tracker.setStacks(true);
}

async function leaf(i) {
  return i;
}
async function run() {
  let sum = 0;
  for (let i = 0; i < count; i += 4) {
    sum += await leaf(i);
    const [a, b] = await Promise.all([leaf(i + 1), leaf(i + 2)]);
    sum += a + b + (await new Promise((resolve) => resolve(i + 3)));
  }
  return sum;
}

let created = 0;
if (process.env.BENCH_COUNT === '1') {
  // calibration run: count every promise the workload creates (awaits included)
  require('node:v8').promiseHooks.onInit(() => created++);
}

const start = process.hrtime.bigint();
run().then(
  () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ ms, iterations: count, created, tracked: Boolean(tracker) }) + '\n');
  },
  (err) => {
    process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
