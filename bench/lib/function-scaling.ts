/**
 * `npm run bench:scaling [-- options]`: how the rules' time grows with the size of one function (thousands of
 * resources, awaits, fan-outs, statements, local calls) and the depth of one expression or block (the shapes of
 * `test/robustness/lib/largeCode.ts`), measured as CPU time against the parse time of the same generated file.
 * A rule that is near-linear keeps the same ratio to the parse at every size; the last column is the exponent of
 * the growth between the two largest sizes (1: linear, 2: quadratic; not given where the rules take under a tenth
 * of the parse, which is within the noise of the subtraction).
 *
 * Options: `--plugin <index module>` (default: the build, `eslint-plugin/dist/index.js`; pass another checkout's
 * `eslint-plugin/src/index.ts` to compare before and after), `--shapes name,name` (default: all),
 * `--breadth 250,1000,3000`, `--depth 100,300,1000`, `--runs 3` (minimum of the runs, interleaved across
 * sizes), `--rules id,id` (default: every rule of the plugin), `--separate` (each rule alone instead of all the
 * rules in one lint), `--write <dir>` (also write the
 * generated files there, to lint them with the CLI or an editor).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { DEEP_SHAPES, LARGE_FUNCTION_SHAPES } from '../../test/robustness/lib/largeCode';
import { type Measurement, measureScalingInWorker } from './rule-times';

const { values } = parseArgs({
  options: {
    plugin: { type: 'string', default: path.join(__dirname, '../../eslint-plugin/dist/index.js') },
    shapes: { type: 'string' },
    breadth: { type: 'string', default: '250,1000,3000' },
    depth: { type: 'string', default: '100,300,1000' },
    runs: { type: 'string', default: '3' },
    rules: { type: 'string' },
    separate: { type: 'boolean', default: false },
    write: { type: 'string' },
  },
});

const allShapes = [...LARGE_FUNCTION_SHAPES, ...DEEP_SHAPES];
const shapeNames = values.shapes ? values.shapes.split(',') : allShapes.map((shape) => shape.name);
for (const name of shapeNames) {
  if (!allShapes.some((shape) => shape.name === name)) {
    console.error(`no shape named '${name}': ${allShapes.map((shape) => `'${shape.name}'`).join(', ')}`);
    process.exit(2);
  }
}
const sizes = { breadth: values.breadth.split(',').map(Number), depth: values.depth.split(',').map(Number) };
const pluginPath = path.resolve(values.plugin);
if (!fs.existsSync(pluginPath)) {
  console.error(`${pluginPath} does not exist (npm run build, or --plugin <index module>)`);
  process.exit(2);
}

if (values.write) {
  fs.mkdirSync(values.write, { recursive: true });
  for (const shape of allShapes.filter((candidate) => shapeNames.includes(candidate.name))) {
    for (const size of sizes[shape.kind]) {
      const file = path.join(values.write, `${shape.name.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}-${size}.js`);
      fs.writeFileSync(file, shape.make(size));
    }
  }
  console.log(`generated files in ${values.write}`);
}

const ms = (value: number): string => (value < 10 ? value.toFixed(1) : String(Math.round(value)));

function printTable(rows: readonly Measurement[]): void {
  const ruleKeys = [...new Set(rows.flatMap((row) => Object.keys(row.rulesMs)))];
  console.log(`| shape | size | lines | parse ms | ${ruleKeys.map((key) => `${key} ms (× parse)`).join(' | ')} | findings |`);
  console.log(`| --- | --- | --- | --- | ${ruleKeys.map(() => '---').join(' | ')} | --- |`);
  for (const row of rows) {
    const cells = ruleKeys.map((key) => {
      const value = row.rulesMs[key] ?? 0;
      return `${ms(value)} (${(value / row.parseMs).toFixed(2)}×)`;
    });
    const findings = Object.entries(row.findings).map(([rule, count]) => `${rule} ${count}`).join(', ') || '–';
    console.log(`| ${row.shape} | ${row.size} | ${row.lines} | ${ms(row.parseMs)} | ${cells.join(' | ')} | ${findings} |`);
  }
  // The exponent of the growth between the two largest sizes of each shape: time ∝ size^k.
  const byShape = new Map<string, Measurement[]>();
  for (const row of rows) byShape.set(row.shape, [...(byShape.get(row.shape) ?? []), row]);
  console.log('\ngrowth between the two largest sizes (time ∝ size^k; parse for reference):');
  for (const [shape, shapeRows] of byShape) {
    const [smaller, larger] = shapeRows.slice(-2);
    if (!smaller || !larger) continue;
    const exponent = (a: number, b: number): string => (a <= 0 || b <= 0 ? 'n/a' : (Math.log(b / a) / Math.log(larger.size / smaller.size)).toFixed(2));
    // The rules' time is a difference of two measured times: below a tenth of the parse it is mostly noise.
    const ruleExponent = (key: string): string => {
      const [a, b] = [smaller.rulesMs[key] ?? 0, larger.rulesMs[key] ?? 0];
      return a < 0.1 * smaller.parseMs || b < 0.1 * larger.parseMs ? 'below noise' : exponent(a, b);
    };
    const parts = ruleKeys.map((key) => `${key} ${ruleExponent(key)}`);
    console.log(`  ${shape}: parse ${exponent(smaller.parseMs, larger.parseMs)}, ${parts.join(', ')}`);
  }
}

void (async () => {
  console.log(`plugin ${pluginPath}; CPU time, minimum of ${values.runs} interleaved runs; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}\n`);
  const rows = await measureScalingInWorker({ pluginPath, shapes: shapeNames, sizes, runs: Number(values.runs), separateRules: values.separate, rules: values.rules?.split(',') });
  printTable(rows);
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
