import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPOSITORY = path.join(__dirname, '../../..');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: nothing of the `npm run` this test may be started from (its prefix, its package). */
function userEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^INIT_CWD$/i.test(key)));
  return { ...env, FORCE_COLOR: '0', NO_UPDATE_NOTIFIER: '1' };
}

export function run(cwd: string, command: string, args: readonly string[], timeout = 300_000): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: userEnvironment(), timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Tarballs {
  plugin: string;
  cli: string;
}

let packed: Tarballs | undefined;

/** Packs eslint-plugin-loopguard and loopguard as npm would publish them (each `prepack` cleans and builds). Once per run. */
export function packTarballs(): Tarballs {
  if (packed) return packed;
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-tarballs-'));
  const packing = run(REPOSITORY, 'npm', ['pack', '--json', '--pack-destination', destination, '-w', 'eslint-plugin', '-w', 'cli']);
  assert.equal(packing.status, 0, packing.stderr);
  const files = (JSON.parse(packing.stdout) as { name: string; filename: string }[]).map((entry) => ({ ...entry, file: path.join(destination, entry.filename) }));
  const byName = (name: string): string => {
    const found = files.find((entry) => entry.name === name);
    assert.ok(found && fs.existsSync(found.file), `npm pack made no tarball for ${name}`);
    return found.file;
  };
  packed = { plugin: byName('eslint-plugin-loopguard'), cli: byName('loopguard') };
  return packed;
}

/** A new project folder outside the repository, with a package.json and the given files. */
export function createProject(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-install-')), name);
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name, private: true, ...manifest }, null, 2)}\n`);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

/**
 * `npm install` with no flag that changes how dependencies resolve. `--prefer-offline` only lets npm use
 * what its cache already holds without asking the registry again: after the first run this works offline.
 */
export function npmInstall(project: string, specs: readonly string[]): void {
  const install = run(project, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', ...specs], 600_000);
  assert.equal(install.status, 0, `npm install ${specs.join(' ')} failed:\n${install.stderr}`);
}

/** The version of the package installed at node_modules/<name> of the project, or null. */
export function installedVersion(project: string, name: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

/** Every package installed anywhere under the project's node_modules, as `name@version`, sorted. */
export function installedPackages(project: string): string[] {
  const found: string[] = [];
  const visitPackage = (folder: string, name: string): void => {
    try {
      const { version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string };
      found.push(`${name}@${version}`);
    } catch {
      return;
    }
    visitFolder(path.join(folder, 'node_modules'));
  };
  const visitFolder = (nodeModules: string): void => {
    const names = fs.existsSync(nodeModules) ? fs.readdirSync(nodeModules).filter((name) => !name.startsWith('.')) : [];
    for (const name of names) {
      if (!name.startsWith('@')) visitPackage(path.join(nodeModules, name), name);
      else for (const scoped of fs.readdirSync(path.join(nodeModules, name))) visitPackage(path.join(nodeModules, name, scoped), `${name}/${scoped}`);
    }
  };
  visitFolder(path.join(project, 'node_modules'));
  return found.sort();
}

/** What an install put in the project's node_modules, for the test log: package count and size. */
export function footprint(project: string): string {
  return `${installedPackages(project).length} packages, ${(folderBytes(path.join(project, 'node_modules')) / 1e6).toFixed(1)} MB`;
}

/** Bytes of every file under the folder (what the install puts on disk, before file-system blocks). */
export function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** `file:line rule` of every finding in an ESLint JSON report (the `loopguard` command writes the same format). */
export function findingsOf(project: string, jsonReport: string): string[] {
  const results = JSON.parse(jsonReport) as { filePath: string; messages: { line: number; ruleId: string | null; message: string }[] }[];
  return results
    .flatMap((result) =>
      result.messages.map((message) => `${path.relative(project, result.filePath).split(path.sep).join('/')}:${message.line} ${message.ruleId ?? message.message}`),
    )
    .sort();
}

/** The first fenced block of `language` after the README heading `heading`. */
export function readmeBlock(heading: string, language: string): string {
  const readme = fs.readFileSync(path.join(REPOSITORY, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README.md has no heading "${heading}"`);
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  assert.ok(block?.[1], `README.md has no ${language} block under "${heading}"`);
  return block[1];
}
