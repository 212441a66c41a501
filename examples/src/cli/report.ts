// A command-line report over the order log. CLI code that runs once may block; async code may not.
import * as fs from 'node:fs';
import { execSync } from 'node:child_process';

// ✅ A one-shot CLI at top level: blocking is simple and harmless here.
const orders = fs.readFileSync(process.argv[2] ?? 'orders.log', 'utf8').trim().split('\n');

export async function uploadReport(lines: string[]): Promise<void> {
  // ❌ Runs inside an async function that the uploader also calls while serving requests.
  const revision = execSync('git rev-parse HEAD').toString().trim();
  await fetch('https://reports.example.invalid/upload', { method: 'POST', body: JSON.stringify({ revision, lines }) });
}

console.log(`${orders.length} orders`);
