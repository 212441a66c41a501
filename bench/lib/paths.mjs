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

/** The dev set of real fixed bugs (issue #22): its records, the extracted package trees, their tarballs. */
export const bugsSpecFile = path.join(benchDir, 'bugs', 'bugs.json');
export const bugTreesDir = path.join(benchDir, '.bugs');
export const bugTarballDir = path.join(bugTreesDir, '.tarballs');

/** Folder of one extracted package version of the bug set: `@google-cloud/datastore@5.1.0` → `google-cloud-datastore@5.1.0`. */
export function bugTreeDir(name, version) {
  return path.join(bugTreesDir, `${packageDirName(name)}@${version}`);
}
