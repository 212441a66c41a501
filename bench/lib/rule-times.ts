import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import { Linter } from 'eslint';

import { type CodeShape, DEEP_SHAPES, LARGE_FUNCTION_SHAPES } from '../../test/robustness/lib/largeCode';
import type { PluginLike } from '../../test/robustness/lib/harness';

/**
 * Parse time and each rule's time on generated large code, without type information, in CPU time (the
 * machine is shared: wall time also counts the waits for a core): a lint with no rule gives the parse, and a
 * lint with a rule gives parse + rule (its listeners, fixes and suggestions). The minimum of several runs,
 * interleaved across sizes, so that a busy machine slows every size alike.
 */
export interface ScalingRequest {
  /** The plugin to load (its `index` module): the build, or another checkout's sources. */
  readonly pluginPath: string;
  /** Names of shapes of `largeCode.ts`. */
  readonly shapes: readonly string[];
  readonly sizes: { readonly breadth: readonly number[]; readonly depth: readonly number[] };
  readonly runs: number;
  /** One lint per rule (each rule's time alone) instead of one lint with every rule (`all rules`: faster). */
  readonly separateRules: boolean;
  /** The rules to run (default: every rule of the plugin). */
  readonly rules?: readonly string[];
}

export interface Measurement {
  readonly shape: string;
  readonly kind: CodeShape['kind'];
  readonly size: number;
  readonly lines: number;
  parseMs: number;
  readonly rulesMs: Record<string, number>;
  readonly findings: Record<string, number>;
}

const ALL_SHAPES: readonly CodeShape[] = [...LARGE_FUNCTION_SHAPES, ...DEEP_SHAPES];

export function measureScaling(request: ScalingRequest): Measurement[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(request.pluginPath) as { default?: PluginLike } & PluginLike;
  const plugin = loaded.default ?? loaded;
  const ruleIds = request.rules ? [...request.rules] : Object.keys(plugin.rules);
  for (const id of ruleIds) if (!(id in plugin.rules)) throw new Error(`the plugin has no rule ${id}`);
  const linter = new Linter({ configType: 'flat' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parser = require('@typescript-eslint/parser') as Linter.Parser;
  const configFor = (rules: readonly string[]): Linter.Config[] => [
    {
      files: ['**/*.js'],
      languageOptions: { parser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { loopguard: plugin as never },
      rules: Object.fromEntries(rules.map((id) => [`loopguard/${id}`, 'error'])),
    },
  ];
  const groups = request.separateRules ? ruleIds.map((id) => [id]) : [ruleIds];
  const measurements: Measurement[] = [];
  for (const name of request.shapes) {
    const shape = ALL_SHAPES.find((candidate) => candidate.name === name);
    if (!shape) throw new Error(`no shape named ${name}`);
    const texts = request.sizes[shape.kind].map((size) => ({ size, text: shape.make(size) }));
    const rows = texts.map(({ size, text }): Measurement => ({
      shape: shape.name,
      kind: shape.kind,
      size,
      lines: text.split('\n').length,
      parseMs: Infinity,
      rulesMs: {},
      findings: {},
    }));
    const cpuOf = (text: string, rules: readonly string[]): { ms: number; messages: Linter.LintMessage[] } => {
      const before = process.cpuUsage();
      const messages = linter.verify(text, configFor(rules), 'large.js');
      const used = process.cpuUsage(before);
      const fatal = messages.find((message) => message.fatal);
      if (fatal) throw new Error(`${shape.name} × ${text.length} characters does not parse: ${fatal.message}`);
      return { ms: (used.user + used.system) / 1000, messages };
    };
    for (let run = 0; run < request.runs; run++) {
      texts.forEach(({ text }, index) => {
        const row = rows[index] as Measurement;
        row.parseMs = Math.min(row.parseMs, cpuOf(text, []).ms);
        for (const group of groups) {
          const { ms, messages } = cpuOf(text, group);
          const key = group.length === 1 ? (group[0] as string) : 'all rules';
          row.rulesMs[key] = Math.min(row.rulesMs[key] ?? Infinity, ms);
          if (run === 0) {
            for (const message of messages) {
              const id = message.ruleId?.replace('loopguard/', '') ?? '(none)';
              row.findings[id] = (row.findings[id] ?? 0) + 1;
            }
          }
        }
      });
    }
    // From parse + rule to the rule alone.
    for (const row of rows) for (const key of Object.keys(row.rulesMs)) row.rulesMs[key] = Math.max(0, (row.rulesMs[key] as number) - row.parseMs);
    measurements.push(...rows);
  }
  return measurements;
}

/**
 * Runs `measureScaling` in a worker thread with a large stack, so that the parser (recursive) can build
 * the deepest shapes; the rules run there as they would anywhere, their own walks being bounded.
 */
export function measureScalingInWorker(request: ScalingRequest, stackSizeMb = 256): Promise<Measurement[]> {
  const script = `require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');
const { measureScaling } = require(${JSON.stringify(path.join(__dirname, 'rule-times.ts'))});
parentPort.postMessage(measureScaling(workerData));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true, workerData: request, resourceLimits: { stackSizeMb } });
    worker.once('message', (result: Measurement[]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the scaling worker exited with code ${code}`));
    });
  });
}
