import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The plugin's source layout (eslint-plugin/src/README.md): analysis folders by what they know, imports
 * only from the specific to the general, no import cycles, tests mirroring the folders.
 */

const SOURCE_ROOT = path.resolve(__dirname, '../../eslint-plugin/src');
const TEST_ROOT = __dirname;

/** Layers from the general to the specific; a folder may import only folders of a lower layer (and itself). */
const ANALYSIS_LAYERS: readonly (readonly string[])[] = [['core'], ['modules'], ['roles'], ['promises'], ['blocking', 'resources', 'concurrency']];
/** Consumers of the analysis: may import any analysis folder and the entry files, never each other. */
const CONSUMERS: ReadonlySet<string> = new Set(['rules', 'outline']);
const TOP_LEVEL_FILES: ReadonlySet<string> = new Set(['index.ts', 'configs.ts', 'README.md']);

function layerOf(folder: string): number {
  return ANALYSIS_LAYERS.findIndex((layer) => layer.includes(folder));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a file, resolved to source files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const targets: string[] = [];
  // TypeScript's own pre-parse: imports, re-exports and require() calls, not the examples in comments
  const { importedFiles } = ts.preProcessFile(text, true, true);
  for (const { fileName: specifier } of importedFiles) {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
    if (specifier.endsWith('.json')) continue;
    const base = path.resolve(path.dirname(file), specifier);
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    assert.ok(resolved, `${path.relative(SOURCE_ROOT, file)} imports '${specifier}', which is not a source file`);
    targets.push(resolved);
  }
  return targets;
}

function folderOf(file: string): string {
  const relative = path.relative(SOURCE_ROOT, file);
  return relative.includes(path.sep) ? (relative.split(path.sep)[0] ?? '') : '';
}

describe('source layout', () => {
  const files = sourceFiles(SOURCE_ROOT);
  const analysisFolders = ANALYSIS_LAYERS.flat();

  it('keeps every file in an analysis folder, a consumer folder or the entry files', () => {
    for (const entry of fs.readdirSync(SOURCE_ROOT, { withFileTypes: true })) {
      if (entry.isDirectory()) assert.ok(analysisFolders.includes(entry.name) || CONSUMERS.has(entry.name), `unknown folder src/${entry.name}: add it to the layers`);
      else assert.ok(TOP_LEVEL_FILES.has(entry.name), `src/${entry.name} belongs in a folder`);
    }
  });

  it('opens every analysis folder with a README saying what it answers and what it may import', () => {
    for (const folder of analysisFolders) {
      const readme = path.join(SOURCE_ROOT, folder, 'README.md');
      assert.ok(fs.existsSync(readme), `src/${folder}/README.md is missing`);
      assert.match(fs.readFileSync(readme, 'utf8'), /May import:/, `src/${folder}/README.md does not say what it may import`);
    }
  });

  it('imports only from the specific to the general', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        const allowed =
          from === ''
            ? true
            : CONSUMERS.has(from)
              ? !CONSUMERS.has(to)
              : layerOf(to) >= 0 && layerOf(to) < layerOf(from);
        if (!allowed) violations.push(`${path.relative(SOURCE_ROOT, file)} → ${path.relative(SOURCE_ROOT, target)}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('has no import cycles', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SOURCE_ROOT, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('mirrors the analysis folders in the tests', () => {
    for (const entry of fs.readdirSync(TEST_ROOT, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'fixtures') continue;
      assert.ok(analysisFolders.includes(entry.name) || CONSUMERS.has(entry.name), `test/eslint-plugin/${entry.name} has no source folder of that name`);
    }
  });
});
