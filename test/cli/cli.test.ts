import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The built CLI (`npm run build`), as the `loopguard` package ships it. */
const MAIN = path.join(__dirname, '../../cli/dist/main.js');

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runLoopguard(cwd: string, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function makeProject(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const BLOCKING = `import fs from 'node:fs';\nexport async function load() {\n  return fs.readFileSync('x', 'utf8');\n}\n`;

function assertNoStackTrace(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(run.stdout, /\n\s+at .*\(/, 'no stack trace');
}

describe('loopguard CLI', function () {
  this.timeout(180_000);

  it('reports findings with the recommended config and exits 1', () => {
    const root = makeProject({ 'src/load.ts': BLOCKING, 'src/clean.js': 'export const x = 1;\n' });
    const run = runLoopguard(root);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /src\/load\.ts/);
    assert.match(run.stdout, /3:10\s+error\s+`fs\.readFileSync` blocks the event loop inside an async function/);
    assert.match(run.stdout, /loopguard\/no-blocking-in-async/);
    assert.match(run.stdout, /1 problem \(1 error, 0 warnings\)/);
  });

  it('exits 0 on clean code and on an empty file', () => {
    const root = makeProject({ 'a.js': 'export const a = 1;\n', 'empty.mjs': '' });
    const run = runLoopguard(root, '.');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), '');
  });

  it('writes JSON with --format json and honours .gitignore', () => {
    const root = makeProject({ '.gitignore': '# build output\nbuild/\n*.gen.ts\n', 'build/out.js': BLOCKING, 'x.gen.ts': BLOCKING, 'src/a.ts': BLOCKING });
    const run = runLoopguard(root, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    assert.deepEqual(
      results.map((result) => path.relative(root, result.filePath)),
      [path.join('src', 'a.ts')],
    );
    assert.deepEqual(results[0]?.messages.map((message) => [message.ruleId, message.line]), [['loopguard/no-blocking-in-async', 3]]);
  });

  it('gives one clear line for a syntax error, a binary file, a huge file and a minified file, and goes on', () => {
    const huge = Array.from({ length: 150_000 }, (_, index) => `export const value${index} = ${index};`).join('\n');
    const root = makeProject({
      'broken.ts': 'async function f( {\n',
      'binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]),
      'generated.js': huge,
      'bundle.min.js': `var a=${'1+'.repeat(3000)}1;`,
      'load.ts': BLOCKING,
    });
    assert.ok(fs.statSync(path.join(root, 'generated.js')).size > 5_000_000 * 0.8);
    const run = runLoopguard(root);
    assert.equal(run.status, 1);
    assertNoStackTrace(run);
    assert.match(run.stderr, /binary\.js: skipped: binary file/);
    assert.match(run.stderr, /generated\.js: skipped: \d+\.\d MB is over the size limit of 1\.0 MB/);
    assert.match(run.stderr, /bundle\.min\.js: skipped: minified or generated code/);
    assert.match(run.stdout, /broken\.ts\n\s+2:0\s+error\s+Parsing error/);
    assert.match(run.stdout, /load\.ts\n\s+3:10\s+error/);
  });

  it('lints a large file when --max-file-size allows it', () => {
    const root = makeProject({ 'big.js': `${'// padding\n'.repeat(100_000)}${BLOCKING}` });
    assert.match(runLoopguard(root).stderr, /big\.js: skipped: .* over the size limit/);
    const run = runLoopguard(root, '--max-file-size', '2mb');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /100003:10\s+error/);
  });

  it('refuses bad paths and bad options with exit 2 and no stack trace', () => {
    const root = makeProject({ 'a.js': '' , 'notes.txt': 'hello' });
    const missing = runLoopguard(root, 'does-not-exist');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim(), 'loopguard: does-not-exist: no such file or folder');
    const text = runLoopguard(root, 'notes.txt');
    assert.equal(text.status, 2);
    assert.match(text.stderr, /notes\.txt: not a JavaScript or TypeScript file/);
    const option = runLoopguard(root, '--bogus');
    assert.equal(option.status, 2);
    assert.match(option.stderr, /^loopguard: Unknown option '--bogus'/);
    assertNoStackTrace(option);
    const size = runLoopguard(root, '--max-file-size', 'huge');
    assert.equal(size.status, 2);
    assert.match(size.stderr, /--max-file-size expects a size/);
  });

  it('does not report eslint-disable comments that name other plugins\' rules', () => {
    const root = makeProject({ 'a.ts': `// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const a: any = 1;\n` });
    const run = runLoopguard(root);
    assert.equal(run.status, 0, run.stdout);
  });

  it('reads an unreadable file as a skipped file, not a crash', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const root = makeProject({ 'secret.js': BLOCKING });
    fs.chmodSync(path.join(root, 'secret.js'), 0o000);
    const run = runLoopguard(root);
    assert.match(run.stderr, /secret\.js: skipped: cannot read the file/);
  });

  it('prints help and version with exit 0', () => {
    const root = makeProject({});
    const help = runLoopguard(root, '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: loopguard \[options\] \[paths\.\.\.\]/);
    const version = runLoopguard(root, '--version');
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('uses type information with --types and says when a tsconfig is broken', () => {
    const root = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', types: ['node'], typeRoots: [path.join(__dirname, '../../node_modules/@types')] }, include: ['*.ts'] }),
      'fsApi.ts': `export { readFileSync } from 'node:fs';\n`,
      'use.ts': `import { readFileSync } from './fsApi.js';\nexport async function f() {\n  return readFileSync('x');\n}\n`,
    });
    const syntactic = runLoopguard(root, 'use.ts');
    assert.equal(syntactic.status, 0, syntactic.stdout);
    const typed = runLoopguard(root, '--types', 'use.ts');
    assert.equal(typed.status, 1, typed.stdout + typed.stderr);
    assert.match(typed.stdout, /3:10\s+error\s+`fs\.readFileSync` blocks the event loop/);
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { oops');
    const broken = runLoopguard(root, '--types', 'use.ts');
    assertNoStackTrace(broken);
    assert.equal(broken.stderr, 'loopguard: tsconfig.json is not valid JSON (Property assignment expected.); the files it covers are linted without type information\n');
  });

  describe('--types without a usable tsconfig: one line, then the files are linted without types', () => {
    /** A project whose only finding is syntactic, so the run shows that linting went on without types. */
    function typedRun(files: Record<string, string>, ...paths: string[]): CliRun {
      const root = makeProject({ 'src/load.ts': BLOCKING, ...files });
      const run = runLoopguard(root, '--types', ...paths);
      assertNoStackTrace(run);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /src\/load\.ts\n\s+3:10\s+error\s+`fs\.readFileSync` blocks the event loop/);
      assert.match(run.stdout, /1 problem \(1 error, 0 warnings\)/);
      assert.doesNotMatch(run.stdout, /Parsing error/);
      return run;
    }

    it('no tsconfig.json anywhere above the files', () => {
      const run = typedRun({});
      assert.equal(run.stderr, 'loopguard: --types: no tsconfig.json or jsconfig.json at or above src; files without one are linted without type information\n');
    });

    it('a tsconfig.json that includes no file', () => {
      const run = typedRun({ 'tsconfig.json': JSON.stringify({ include: ['lib'] }) });
      assert.equal(run.stderr, 'loopguard: tsconfig.json includes no file; the files it covers are linted without type information\n');
    });

    it('a tsconfig.json whose extends names a missing file', () => {
      const run = typedRun({ 'tsconfig.json': JSON.stringify({ extends: './base.json', include: ['src'] }) });
      assert.match(run.stderr, /^loopguard: tsconfig\.json has a broken "extends" \(Cannot read file '.*base\.json'\.\); the files it covers are linted without type information\n$/);
    });

    it('a tsconfig.json whose extends chain is a cycle', () => {
      const run = typedRun({
        'tsconfig.json': JSON.stringify({ extends: './base.json', include: ['src'] }),
        'base.json': JSON.stringify({ extends: './tsconfig.json' }),
      });
      assert.match(run.stderr, /^loopguard: tsconfig\.json has a broken "extends" \(Circularity detected while resolving configuration: .*\); the files it covers are linted without type information\n$/);
    });

    it('files that the tsconfig.json does not include', () => {
      const root = makeProject({
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [] }, include: ['src'] }),
        'src/ok.ts': 'export const ok = 1;\n',
        'lib/load.ts': BLOCKING,
        'lib/other.js': 'export const other = 2;\n',
      });
      const run = runLoopguard(root, '--types');
      assertNoStackTrace(run);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /lib\/load\.ts\n\s+3:10\s+error/);
      assert.doesNotMatch(run.stdout, /Parsing error/);
      assert.equal(run.stderr, 'loopguard: tsconfig.json does not include lib/load.ts and 1 other file; linted without type information\n');
    });
  });

  it('exits 2 like ESLint when a folder holds no JavaScript or TypeScript file', () => {
    const root = makeProject({ 'docs/readme.md': '# hello\n', 'ignored/a.js': BLOCKING, '.gitignore': 'ignored/\n' });
    const empty = runLoopguard(root, 'docs');
    assert.equal(empty.status, 2);
    assert.equal(empty.stderr, 'loopguard: no JavaScript or TypeScript file to lint in docs (.gitignore and node_modules are skipped)\n');
    assert.equal(runLoopguard(root, 'ignored').status, 2);
  });

  it('refuses an unknown --format in one line, without an internal path', () => {
    const root = makeProject({ 'a.js': BLOCKING });
    const run = runLoopguard(root, '--format', 'nonesuch');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'loopguard: unknown format "nonesuch": it is neither one of ESLint\'s formatters (stylish, json, …) nor a formatter installed in this project\n');
    assert.equal(run.stdout, '');
  });
});
