// @ts-check
/**
 * `npm run bench:corpus`: downloads the pinned packages of bench/corpus.json with `npm pack`, checks each
 * tarball's sha512 against the pinned integrity, and extracts the selected source files into
 * bench/.corpus/<package>/ with a manifest and a tsconfig.json for typed runs. Tarballs are cached in
 * bench/.corpus/.tarballs, so a second run works offline.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { fetchPinnedTarball } from './lib/npm-tarball.mjs';
import { corpusDir, corpusSpecFile, corpusTsconfig, manifestFile, packageDirName, tarballDir } from './lib/paths.mjs';
import { skipByContent, skipByPath, sourceTypeOf } from './lib/select-files.mjs';

/** @typedef {import('./lib/select-files.mjs').PackageSpec} PackageSpec */

const spec = JSON.parse(fs.readFileSync(corpusSpecFile, 'utf8'));
/** @type {{ path: string, package: string, sourceType: 'module' | 'commonjs', lines: number, bytes: number }[]} */
const files = [];
/** @type {Record<string, { kept: number, lines: number, skipped: Record<string, number> }>} */
const perPackage = {};
let failed = false;

for (const pkg of /** @type {PackageSpec[]} */ (spec.packages)) {
  const tarball = fetchPinnedTarball(pkg, tarballDir);
  if (!tarball) {
    failed = true;
    continue;
  }
  const stats = extract(pkg, tarball);
  perPackage[`${pkg.name}@${pkg.version}`] = stats;
}

if (failed) {
  console.error('bench:corpus: some packages did not match their pinned integrity; nothing else was changed for them.');
  process.exit(1);
}

writeTsconfig();
fs.writeFileSync(manifestFile, `${JSON.stringify({ generatedFrom: 'bench/corpus.json', files }, null, 2)}\n`);
printCounts();

/** Extracts the tarball to a temporary folder and copies the kept files into the corpus. */
function extract(pkg, tarball) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-corpus-'));
  const dest = path.join(corpusDir, packageDirName(pkg.name));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', tmp]);
    const root = path.join(tmp, 'package');
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // Keep only the fields that decide how files are parsed and resolved.
    const slim = { name: manifest.name, version: manifest.version, type: manifest.type ?? 'commonjs', private: true };
    fs.writeFileSync(path.join(dest, 'package.json'), `${JSON.stringify(slim, null, 2)}\n`);

    const stats = { kept: 0, lines: 0, skipped: /** @type {Record<string, number>} */ ({}) };
    for (const relPath of listFiles(root)) {
      let reason = skipByPath(pkg, relPath);
      let text = '';
      if (!reason) {
        text = fs.readFileSync(path.join(root, relPath), 'utf8');
        reason = skipByContent(text, spec.limits);
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
      stats.kept += 1;
      stats.lines += lines;
      files.push({
        path: path.posix.join(packageDirName(pkg.name), relPath),
        package: pkg.name,
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

/** One program with every corpus file, for `projectService` runs (JavaScript included, not checked). */
function writeTsconfig() {
  const tsconfig = {
    compilerOptions: {
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
    },
    files: files.map((file) => file.path),
  };
  fs.writeFileSync(corpusTsconfig, `${JSON.stringify(tsconfig, null, 2)}\n`);
}

function printCounts() {
  const rows = Object.entries(perPackage).map(([name, stats]) => ({
    package: name,
    files: stats.kept,
    lines: stats.lines,
    skipped: Object.entries(stats.skipped)
      .map(([reason, count]) => `${count} ${reason}`)
      .join(', '),
  }));
  console.table(rows);
  const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
  console.log(`corpus: ${files.length} files, ${totalLines} lines in ${path.relative(process.cwd(), corpusDir)}`);
}
