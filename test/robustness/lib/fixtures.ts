import * as fs from 'node:fs';
import * as path from 'node:path';

/** The realistic async Node files written for the robustness checks (with their tsconfig for typed runs). */
export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

export interface Fixture {
  name: string;
  text: string;
  sourceType: 'module' | 'commonjs';
}

export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((name) => SOURCE.test(name))
    .sort()
    .map((name) => ({
      name,
      text: fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'),
      // The fixtures' package.json says CommonJS: `.js`/`.cjs` parse as scripts with `require`.
      sourceType: /\.(c?js)$/.test(name) ? 'commonjs' : 'module',
    }));
}
