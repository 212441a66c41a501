// @ts-check
/** Where the benchmark keeps its inputs and outputs (all under bench/, the corpus and results git-ignored). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.dirname(benchDir);
export const corpusSpecFile = path.join(benchDir, 'corpus.json');
export const corpusDir = path.join(benchDir, '.corpus');
export const tarballDir = path.join(corpusDir, '.tarballs');
export const manifestFile = path.join(corpusDir, 'manifest.json');
export const corpusTsconfig = path.join(corpusDir, 'tsconfig.json');
export const resultsDir = path.join(benchDir, 'results');
export const pluginDist = path.join(repoRoot, 'eslint-plugin', 'dist', 'index.js');

/** Folder name of a package inside the corpus: `@grpc/grpc-js` → `grpc-grpc-js`. */
export function packageDirName(name) {
  return name.replace(/^@/, '').replace(/\//g, '-');
}

/** oxlint's config for the plugin: every rule of `configs.strict` (the one test/package checks). */
export const oxlintConfig = path.join(repoRoot, 'test', 'package', '.oxlintrc.json');
