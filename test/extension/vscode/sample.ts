/** The code the suites lint, and what Loopguard is expected to make of it. */
export const RULE = 'no-blocking-in-async';
export const FULL_RULE = `loopguard/${RULE}`;

export const BLOCKING_CALL = 'fs.readFileSync("config.json", "utf8")';
export const AWAITED_CALL = 'await fs.promises.readFile("config.json", "utf8")';
/** The suggestion's title names the replacement with its arguments elided, in VS Code's style (quotes, no period). */
export const SUGGESTION_TITLE = "Replace with 'await fs.promises.readFile(…)'";

/** One blocking call inside an async function (reported) and one in a plain function (not). */
export const BLOCKING_SOURCE = [
  'import fs from "node:fs";',
  '',
  'export function loadDefaultsSync() {',
  '  return fs.readFileSync("defaults.json", "utf8");',
  '}',
  '',
  'export async function loadConfig() {',
  `  const text = ${BLOCKING_CALL};`,
  '  return JSON.parse(text);',
  '}',
  '',
].join('\n');
