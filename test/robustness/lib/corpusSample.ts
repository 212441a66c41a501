import * as fs from 'node:fs';
import * as path from 'node:path';

import { FIXTURES_DIR } from './fixtures';
import type { FuzzInput } from './fuzz';

/** Real files of the benchmark corpus, copied for the fuzzer (`fixtures/corpus-sample/README.md` says from where). */
export const CORPUS_SAMPLE_DIR = path.join(FIXTURES_DIR, 'corpus-sample');

interface Manifest {
  files: { file: string; sourceType: 'module' | 'commonjs' }[];
}

export function loadCorpusSample(): FuzzInput[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_SAMPLE_DIR, 'manifest.json'), 'utf8')) as Manifest;
  return manifest.files.map(({ file, sourceType }) => ({ name: file, sourceType, text: fs.readFileSync(path.join(CORPUS_SAMPLE_DIR, file), 'utf8') }));
}
