// @ts-check
/**
 * `npm run bench:bugs:fetch`: downloads both versions of every package in bench/bugs/bugs.json with
 * `npm pack` (cached in bench/.bugs/.tarballs, so a second run is offline), checks each tarball's sha512
 * against the pin, and extracts the whole package into the git-ignored bench/.bugs/<package>@<version>/,
 * with a generated tsconfig.json for the typed runs. A tree already extracted from the same tarball is
 * kept as it is.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { TYPED_RUN_COMPILER_OPTIONS } from '../lib/fetch-corpus.mjs';
import { fetchPinnedTarball } from '../lib/npm-tarball.mjs';
import { bugTarballDir, bugTreeDir } from '../lib/paths.mjs';
import { BUG_SETS, lintedFiles, packageVersions, readBugSet } from './bug-set.mjs';

/** Written into each extracted tree; holds the integrity it was extracted from. */
const MARKER = '.loopguard-tree.json';

// both sets: the dev set and the holdout share the package trees
const bugs = BUG_SETS.flatMap((set) => readBugSet(set));
let failed = false;
for (const pkg of packageVersions(bugs)) {
  const tarball = fetchPinnedTarball(pkg, bugTarballDir);
  if (!tarball) {
    failed = true;
    continue;
  }
  const dest = bugTreeDir(pkg.name, pkg.version);
  const extracted = isExtractedFrom(dest, pkg.integrity);
  if (!extracted) extractTree(tarball, dest);
  writeTsconfig(dest, lintedFiles(bugs, pkg));
  if (extracted) continue;
  fs.writeFileSync(path.join(dest, MARKER), `${JSON.stringify({ name: pkg.name, version: pkg.version, integrity: pkg.integrity }, null, 2)}\n`);
  console.log(`extracted ${pkg.name}@${pkg.version} → ${path.relative(process.cwd(), dest)}`);
}
if (failed) {
  console.error('bench:bugs:fetch: some tarballs did not match their pinned integrity (see above).');
  process.exit(1);
}

function isExtractedFrom(dest, integrity) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dest, MARKER), 'utf8')).integrity === integrity;
  } catch {
    return false;
  }
}

/**
 * Extracts the whole package (the tarball's single top folder, usually `package/`, is stripped). TypeScript
 * and JavaScript project files the package ships are renamed `*.shipped`, so the project service uses the
 * generated tsconfig.json for every file of the tree.
 */
function extractTree(tarball, dest) {
  const tmp = `${dest}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', tmp, '--strip-components=1', '--no-same-owner']);
  for (const entry of fs.readdirSync(tmp, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /^(tsconfig.*|jsconfig)\.json$/.test(entry.name)) {
      const file = path.join(entry.parentPath, entry.name);
      fs.renameSync(file, `${file}.shipped`);
    }
  }
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
}

/**
 * One program with the package's own files, with the corpora's compiler options (JavaScript allowed and
 * not checked, Node's types from the repository's node_modules, dependencies not installed), declarations
 * included so compiled JavaScript sees its own types. The files the bugs lint
 * are listed by name too: an `include` pattern drops `x.js` when `x.d.ts` sits next to it (TypeScript
 * prefers the declaration), and the project service only lints files of the program.
 * @param {string} dest
 * @param {string[]} linted
 */
function writeTsconfig(dest, linted) {
  const tsconfig = {
    compilerOptions: TYPED_RUN_COMPILER_OPTIONS,
    files: linted,
    include: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'],
    exclude: ['node_modules'],
  };
  fs.writeFileSync(path.join(dest, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}
