#!/usr/bin/env node
// `npm start`: Loopguard (all rules) on the bundled example project. Findings are the point here,
// so exit code 1 (problems found) is a success for this script; 2 (a fatal error) is not.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli/dist/main.js', import.meta.url));
const examples = fileURLToPath(new URL('../examples', import.meta.url));
const result = spawnSync(process.execPath, [cli, '--strict', ...process.argv.slice(2), examples], { stdio: 'inherit' });
if (result.status === 1) {
  console.log('Loopguard found the pitfalls above in examples/ (each file shows the right way beside them).');
  process.exit(0);
}
process.exit(result.status ?? 2);
