// @ts-check
/**
 * Fetches a pinned corpus of npm packages: `npm pack`s each package of a spec file (cached in
 * `<corpus>/.tarballs`, so a second run works offline), checks each tarball's sha512 against the pinned
 * integrity, and extracts the selected source files into `<corpus>/<dir>/` with a manifest and a
 * tsconfig.json for typed runs. Used by `npm run bench:corpus` (the performance corpus) and
 * `npm run bench:precision:corpus` (the precision dev corpus).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { fetchPinnedTarball } from './npm-tarball.mjs';
import { corpusFiles, corpusFolderOf, repoRoot } from './paths.mjs';
import { codeKindOf, skipByContent, skipByPath, sourceTypeOf } from './select-files.mjs';

/**
 * @typedef {import('./select-files.mjs').PackageSpec} PackageSpec
 * @typedef {import('./select-files.mjs').CodeKind} CodeKind
 * @typedef {{ path: string, package: string, version: string, code: CodeKind, sourceType: 'module' | 'commonjs',
 *   lines: number, bytes: number }} ManifestFile
 * @typedef {{ kept: number, lines: number, byCode: Record<CodeKind, { files: number, lines: number }>,
 *   skipped: Record<string, number> }} PackageStats
 */

/**
 * Fetches, checks and extracts every package of `specFile` into `corpusDir`. Exits the process with code 1
 * when a tarball does not match its pinned integrity (the tarball is deleted; nothing else is written).
 * @param {string} specFile JSON with `packages` (PackageSpec[]) and `limits`
 * @param {string} corpusDir git-ignored output folder
 * @returns {{ files: ManifestFile[], perPackage: Record<string, PackageStats> }}
 */
export function fetchCorpus(specFile, corpusDir) {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  const where = corpusFiles(corpusDir);
  fs.mkdirSync(where.tarballs, { recursive: true });

  /** @type {ManifestFile[]} */
  const files = [];
  /** @type {Record<string, PackageStats>} */
  const perPackage = {};
  let failed = false;

  for (const pkg of /** @type {PackageSpec[]} */ (spec.packages)) {
    const tarball = fetchPinnedTarball(pkg, where.tarballs);
    if (!tarball) {
      failed = true;
      continue;
    }
    perPackage[`${pkg.name}@${pkg.version}`] = extract(pkg, tarball, corpusDir, spec.limits, files);
  }

  if (failed) {
    console.error('some packages did not match their pinned integrity; nothing else was changed for them.');
    process.exit(1);
  }

  writeTsconfig(where.tsconfig, files);
  const generatedFrom = path.relative(repoRoot, specFile).split(path.sep).join('/');
  fs.writeFileSync(where.manifest, `${JSON.stringify({ generatedFrom, files }, null, 2)}\n`);
  printCounts(perPackage, files, corpusDir);
  return { files, perPackage };
}

/**
 * Extracts the tarball to a temporary folder and copies the kept files into the corpus, appending them
 * to `files`.
 * @param {PackageSpec} pkg
 * @param {string} tarball
 * @param {string} corpusDir
 * @param {import('./select-files.mjs').Limits} limits
 * @param {ManifestFile[]} files
 * @returns {PackageStats}
 */
function extract(pkg, tarball, corpusDir, limits, files) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-corpus-'));
  const folder = corpusFolderOf(pkg);
  const dest = path.join(corpusDir, folder);
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', tmp]);
    const root = path.join(tmp, 'package');
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // Keep only the fields that decide how files are parsed and resolved.
    const slim = { name: manifest.name, version: manifest.version, type: manifest.type ?? 'commonjs', private: true };
    fs.writeFileSync(path.join(dest, 'package.json'), `${JSON.stringify(slim, null, 2)}\n`);

    /** @type {PackageStats} */
    const stats = { kept: 0, lines: 0, byCode: { library: { files: 0, lines: 0 }, test: { files: 0, lines: 0 }, script: { files: 0, lines: 0 } }, skipped: {} };
    for (const relPath of listFiles(root)) {
      let reason = skipByPath(pkg, relPath);
      let text = '';
      if (!reason) {
        text = fs.readFileSync(path.join(root, relPath), 'utf8');
        reason = skipByContent(text, limits);
      }
      if (reason) {
        if (reason !== 'outside roots' && reason !== 'extension') stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
        if (text) console.log(`  skipped ${pkg.name}/${relPath}: ${reason}`);
        continue;
      }
      const out = path.join(dest, relPath);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, text);
      const lines = text.split('\n').length;
      const code = codeKindOf(pkg, relPath);
      stats.kept += 1;
      stats.lines += lines;
      stats.byCode[code].files += 1;
      stats.byCode[code].lines += lines;
      files.push({
        path: path.posix.join(folder, relPath),
        package: pkg.name,
        version: pkg.version,
        code,
        sourceType: sourceTypeOf(relPath, slim.type),
        lines,
        bytes: Buffer.byteLength(text),
      });
    }
    return stats;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Every file under a folder, as sorted `/`-separated paths relative to it. */
function listFiles(root) {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Compiler options of the programs the benches lint with types: published JavaScript allowed and not
 * checked, Node's types, no dependencies installed (their imports resolve to `any`).
 */
export const TYPED_RUN_COMPILER_OPTIONS = Object.freeze({
  target: 'ES2022',
  lib: ['ES2023', 'DOM'],
  module: 'preserve',
  moduleResolution: 'bundler',
  allowJs: true,
  checkJs: false,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  experimentalDecorators: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  types: ['node'],
});

/** One program with every corpus file, for `projectService` runs (JavaScript included, not checked). */
function writeTsconfig(tsconfigFile, files) {
  const tsconfig = {
    compilerOptions: TYPED_RUN_COMPILER_OPTIONS,
    files: files.map((file) => file.path),
  };
  fs.writeFileSync(tsconfigFile, `${JSON.stringify(tsconfig, null, 2)}\n`);
}

/** Files and lines per package, split into library, test and script code where the spec says which is which. */
function printCounts(perPackage, files, corpusDir) {
  const rows = Object.entries(perPackage).map(([name, stats]) => ({
    package: name,
    files: stats.kept,
    lines: stats.lines,
    'test/script files': stats.byCode.test.files + stats.byCode.script.files,
    skipped: Object.entries(stats.skipped)
      .map(([reason, count]) => `${count} ${reason}`)
      .join(', '),
  }));
  console.table(rows);
  const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
  const nonLibrary = files.filter((file) => file.code !== 'library');
  const nonLibraryLines = nonLibrary.reduce((sum, file) => sum + file.lines, 0);
  console.log(`corpus: ${files.length} files, ${totalLines} lines in ${path.relative(process.cwd(), corpusDir)}`);
  if (nonLibrary.length > 0) {
    const share = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;
    console.log(
      `test and script code: ${nonLibrary.length} files (${share(nonLibrary.length, files.length)}), ${nonLibraryLines} lines (${share(nonLibraryLines, totalLines)})`,
    );
  }
}
