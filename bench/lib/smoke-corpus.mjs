// @ts-check
/**
 * The smoke corpus: a few real files copied from the downloaded corpus into bench/.corpus/.smoke with
 * their own manifest and tsconfig, so typed runs build a small program. Same relative paths as the full
 * corpus, so the same configurations apply.
 */
import fs from 'node:fs';
import path from 'node:path';

import { readManifest } from './configurations.mjs';
import { corpusDir } from './paths.mjs';

export const smokeDir = path.join(corpusDir, '.smoke');

/** A couple of mid-sized files from each of a few packages (TS sources, handwritten JS, compiled TS). */
const PICKS = { mongodb: 3, openai: 3, undici: 3, fastify: 2, typeorm: 2, pg: 2 };

export function prepareSmokeCorpus() {
  const full = readManifest(corpusDir);
  // The editor-latency file always, then a few mid-sized files per package.
  const files = full.files.filter((file) => file.path === 'openai/src/client.ts');
  for (const [pkg, count] of Object.entries(PICKS)) {
    const candidates = full.files.filter((file) => file.package === pkg && file.lines >= 100 && file.lines <= 800);
    files.push(...candidates.slice(0, count));
  }
  fs.rmSync(smokeDir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(smokeDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(corpusDir, file.path), target);
    const packageJson = path.join(file.path.split('/')[0], 'package.json');
    if (!fs.existsSync(path.join(smokeDir, packageJson))) fs.copyFileSync(path.join(corpusDir, packageJson), path.join(smokeDir, packageJson));
  }
  const tsconfig = JSON.parse(fs.readFileSync(path.join(corpusDir, 'tsconfig.json'), 'utf8'));
  tsconfig.files = files.map((file) => file.path);
  fs.writeFileSync(path.join(smokeDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  fs.writeFileSync(path.join(smokeDir, 'manifest.json'), `${JSON.stringify({ generatedFrom: 'bench/.corpus/manifest.json (smoke subset)', files }, null, 2)}\n`);
  return smokeDir;
}
