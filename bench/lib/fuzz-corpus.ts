/**
 * `npm run bench:fuzz [-- options]`: the mutation fuzzer's large run, over the benchmark corpus (`npm run
 * bench:corpus` fetches it): seeded mutants of every file that still parse (`test/robustness/lib/parsingMutations.ts`),
 * every rule of the built plugin, an applied copy of every fix and suggestion parsed again. Prints the rule
 * exceptions, errors outside the rules and fixes that do not parse, each with its file, mutations and seed (the
 * small run of `npm run test:robustness` uses the same code on `test/robustness/fixtures/corpus-sample/`).
 * Exit code 1 when any was found.
 *
 * Options: `--seed N` (default 1), `--mutants N` per file (default 3), `--typed` (with `projectService` on the
 * corpus tsconfig: each typed lint re-checks a program of 2,000 files, so pair it with `--limit`), `--limit N`
 * (the first N files of the manifest, in its order; default all), `--every N` (every Nth file of those: a sample
 * across the packages, which the manifest lists one after the other), `--plugin <index module>` (default the build),
 * `--out file.json` (the whole summary).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { fuzz, type FuzzInput } from '../../test/robustness/lib/fuzz';
import { RobustnessHarness, type PluginLike } from '../../test/robustness/lib/harness';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    mutants: { type: 'string', default: '3' },
    typed: { type: 'boolean', default: false },
    limit: { type: 'string' },
    every: { type: 'string', default: '1' },
    plugin: { type: 'string', default: path.join(__dirname, '../../eslint-plugin/dist/index.js') },
    out: { type: 'string' },
  },
});

const root = path.join(__dirname, '../.corpus');
const manifestFile = path.join(root, 'manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error('bench/.corpus is missing: run `npm run bench:corpus` first');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: { path: string; sourceType: 'module' | 'commonjs' }[] };
const every = Math.max(1, Number(values.every));
const files = (values.limit === undefined ? manifest.files : manifest.files.slice(0, Number(values.limit))).filter((_, index) => index % every === 0);
const inputs: FuzzInput[] = files.map((file) => ({ name: file.path, sourceType: file.sourceType, text: fs.readFileSync(path.join(root, file.path), 'utf8') }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = require(path.resolve(values.plugin)) as { default?: PluginLike } & PluginLike;
const harness = new RobustnessHarness({ plugin: loaded.default ?? loaded, namespace: 'loopguard', rootDir: root, typed: values.typed });

const started = performance.now();
const cpuBefore = process.cpuUsage();
const summary = fuzz(harness, inputs, { seed: Number(values.seed), mutantsPerInput: Number(values.mutants) });
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;

const edits = summary.fixesChecked + summary.suggestionsChecked;
console.log(
  `${summary.inputs} files${every > 1 ? ` (every ${every}th)` : ''}, ${summary.mutants} mutants (seed ${values.seed}, ${values.mutants} per file, ${values.typed ? 'with' : 'without'} types), ${summary.linted} linted`,
);
console.log(`mutations: ${Object.entries(summary.mutations).sort(([, a], [, b]) => b - a).map(([name, count]) => `${name} ${count}`).join(', ')}`);
console.log(`findings: ${Object.entries(summary.findings).map(([rule, count]) => `${rule} ${count}`).join(', ') || 'none'}`);
console.log(`${edits} fixes and suggestions applied and parsed again; ${summary.brokenFixes.length} do not parse`);
console.log(`${summary.crashes.length} rule exceptions, ${summary.otherErrors.length} errors outside the rules`);
console.log(`${seconds.toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
for (const crash of summary.crashes) console.log(`  crash: ${crash.ruleId} in ${crash.file} line ${crash.line}: ${crash.message}`);
for (const error of summary.otherErrors) console.log(`  error: ${error}`);
for (const broken of summary.brokenFixes) console.log(`  broken ${broken.kind}: ${broken.ruleId} in ${broken.file}: ${broken.parseError}\n${broken.excerpt}`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify({ ...summary, seed: Number(values.seed), typed: values.typed, seconds }, null, 2));
process.exitCode = summary.crashes.length + summary.otherErrors.length + summary.brokenFixes.length > 0 ? 1 : 0;
