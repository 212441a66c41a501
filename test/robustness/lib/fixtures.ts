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

/** The source files directly in `dir` (the fixtures' folder by default). */
export function loadFixtures(dir = FIXTURES_DIR): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((name) => SOURCE.test(name))
    .sort()
    .map((name) => ({
      name,
      text: fs.readFileSync(path.join(dir, name), 'utf8'),
      // The fixtures' package.json says CommonJS: `.js`/`.cjs` parse as scripts with `require`.
      sourceType: /\.(c?js)$/.test(name) ? 'commonjs' : 'module',
    }));
}
