// @ts-check
/** Where the benchmark keeps its inputs and outputs (all under bench/, the corpora and results git-ignored). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.dirname(benchDir);
export const corpusSpecFile = path.join(benchDir, 'corpus.json');
export const corpusDir = path.join(benchDir, '.corpus');
export const manifestFile = corpusFiles(corpusDir).manifest;
export const resultsDir = path.join(benchDir, 'results');
export const pluginDist = path.join(repoRoot, 'eslint-plugin', 'dist', 'index.js');

/** The precision dev corpus (bench/precision/): its spec, its git-ignored download, its git-ignored results. */
export const precisionDir = path.join(benchDir, 'precision');
export const precisionSpecFile = path.join(precisionDir, 'corpus.json');
export const precisionCorpusDir = path.join(benchDir, '.precision-corpus');
export const precisionResultsDir = path.join(resultsDir, 'precision');

/** The files a fetched corpus folder holds next to its packages. */
export function corpusFiles(dir) {
  return {
    tarballs: path.join(dir, '.tarballs'),
    manifest: path.join(dir, 'manifest.json'),
    tsconfig: path.join(dir, 'tsconfig.json'),
  };
}

/** Folder name of a package inside the corpus: `@grpc/grpc-js` → `grpc-grpc-js`. */
export function packageDirName(name) {
  return name.replace(/^@/, '').replace(/\//g, '-');
}

/**
 * Folder of a pinned package inside its corpus: the spec's `dir` when two pins share a name (an old
 * version that ships its tests next to the current one), else the package's folder name.
 * @param {{ name: string, dir?: string }} pkg
 */
export function corpusFolderOf(pkg) {
  return pkg.dir ?? packageDirName(pkg.name);
}

/** The dev set of real fixed bugs (issue #22): its records, the extracted package trees, their tarballs. */
export const bugsSpecFile = path.join(benchDir, 'bugs', 'bugs.json');
/** Bugs collected blind and never used to design a rule: recall on bugs the rules have not seen. */
export const holdoutSpecFile = path.join(benchDir, 'bugs', 'holdout.json');
export const bugTreesDir = path.join(benchDir, '.bugs');
export const bugTarballDir = path.join(bugTreesDir, '.tarballs');

/** Folder of one extracted package version of the bug set: `@google-cloud/datastore@5.1.0` → `google-cloud-datastore@5.1.0`. */
export function bugTreeDir(name, version) {
  return path.join(bugTreesDir, `${packageDirName(name)}@${version}`);
}

/** oxlint's config for the plugin: every rule of `configs.strict` (the one test/package checks). */
export const oxlintConfig = path.join(repoRoot, 'test', 'package', '.oxlintrc.json');
