/**
 * The robustness check over the corpus, in its own process (run with tsx):
 * `node --import tsx bench/lib/robustness-pass.ts <corpus-root> <out.json> [--typed]`.
 * Every rule of the built plugin on every corpus file: crashes (file, rule), errors outside rules, and
 * every fix and suggestion applied alone and parsed again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { RobustnessHarness, type BrokenFix, type Crash, type PluginLike } from '../../test/robustness/lib/harness';

interface ManifestFile {
  path: string;
  sourceType: 'module' | 'commonjs';
}

const [rootArg, outFile, typedFlag] = process.argv.slice(2);
if (!rootArg || !outFile) {
  console.error('usage: node --import tsx bench/lib/robustness-pass.ts <corpus-root> <out.json> [--typed]');
  process.exit(2);
}
const root = path.resolve(rootArg);
const typed = typedFlag === '--typed';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(__dirname, '../../eslint-plugin/dist/index.js')) as PluginLike;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
const harness = new RobustnessHarness({ plugin, namespace: 'loopguard', rootDir: root, typed });

const crashes: Crash[] = [];
const otherErrors: string[] = [];
const brokenFixes: BrokenFix[] = [];
const findings: Record<string, number> = {};
let fixesChecked = 0;
let suggestionsChecked = 0;
let unparsed = 0;
const started = performance.now();

for (const file of manifest.files) {
  const text = fs.readFileSync(path.join(root, file.path), 'utf8');
  const check = harness.check(text, file.path, file.sourceType);
  crashes.push(...check.crashes);
  otherErrors.push(...check.otherErrors.map((error) => `${file.path}: ${error}`));
  brokenFixes.push(...check.brokenFixes);
  for (const [rule, count] of Object.entries(check.findings)) findings[rule] = (findings[rule] ?? 0) + count;
  fixesChecked += check.fixesChecked;
  suggestionsChecked += check.suggestionsChecked;
  if (!check.parsed) unparsed += 1;
}

const edits = fixesChecked + suggestionsChecked;
fs.writeFileSync(
  outFile,
  JSON.stringify({
    ok: true,
    typed,
    files: manifest.files.length,
    rules: harness.ruleIds,
    unparsed,
    crashes,
    otherErrors,
    findings,
    fixesChecked,
    suggestionsChecked,
    brokenFixes,
    fixParseRate: edits === 0 ? null : (edits - brokenFixes.length) / edits,
    ms: performance.now() - started,
  }),
);
