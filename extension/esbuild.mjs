// Bundles the extension: extension/dist/client.js (runs in VS Code's extension host; `vscode`
// stays external), extension/dist/server.js (the language server's main thread: a plain Node
// program that speaks LSP) and extension/dist/lintWorker.js (its lint worker threads, with the
// rules, ESLint, the parser and TypeScript inside). TypeScript reads its lib.*.d.ts files from
// next to the running file, so they are copied into dist/ as well.
//   node extension/esbuild.mjs [--production] [--watch]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(here, 'dist');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: [path.join(here, 'src/client/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] },
  // The server's main thread only speaks LSP: it must not pull in ESLint or TypeScript (checked below).
  { ...common, entryPoints: [path.join(here, 'src/server/server.ts')], outfile: path.join(dist, 'server.js'), metafile: true },
  // The lint workers: ESLint, the parser, TypeScript and the rules. jiti is ESLint's loader for
  // TypeScript config files; it is only needed for eslint.config.ts read through the bundled ESLint
  // and is not bundled.
  { ...common, entryPoints: [path.join(here, 'src/server/lintWorker.ts')], outfile: path.join(dist, 'lintWorker.js'), external: ['jiti'] },
];

/** Fails the build when the main thread's bundle contains a package that belongs in the lint workers. */
function checkServerBundle(metafile) {
  const heavy = Object.keys(metafile.inputs).filter((input) => /node_modules\/(eslint|typescript|@typescript-eslint)\//.test(input) || input.startsWith('eslint-plugin/src/rules'));
  if (heavy.length > 0) throw new Error(`server.js must not bundle ESLint, TypeScript or the rules (they run in lintWorker.js): ${heavy.slice(0, 5).join(', ')}`);
}

/**
 * esbuild escapes non-ASCII characters in code but keeps them in the comments of a development
 * build, and one such character makes V8 hold the whole script as a two-byte string: 31 MB instead
 * of 16 MB for lintWorker.js, in every worker thread. Only comments can contain them, so escaping
 * them changes nothing else (the line and column of every character stay the same for sourcemaps).
 */
function asciiOnly(output) {
  if (!output.path.endsWith('.js')) return output.contents;
  const text = output.text;
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) ? text.replace(/[^\x00-\x7f]/g, () => '?') : output.contents;
}

/** Writes through a temporary file and a rename, so a server starting meanwhile never reads half a bundle. */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

function copyTypeScriptLibs() {
  const libDir = path.dirname(fileURLToPath(import.meta.resolve('typescript/lib/typescript.js')));
  let copied = 0;
  for (const name of fs.readdirSync(libDir)) {
    if (/^lib\..*\.d\.ts$/.test(name)) {
      writeAtomically(path.join(dist, name), fs.readFileSync(path.join(libDir, name)));
      copied++;
    }
  }
  if (copied === 0) throw new Error(`no lib.*.d.ts files found in ${libDir}`);
  return copied;
}

// dist/ is not emptied first: other processes (tests) may be running the previous bundle.
fs.mkdirSync(dist, { recursive: true });
const libs = copyTypeScriptLibs();

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log(`esbuild: watching (${libs} TypeScript lib files copied)`);
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, write: false })));
  for (const result of results) if (result.metafile) checkServerBundle(result.metafile);
  for (const output of results.flatMap((result) => result.outputFiles)) writeAtomically(output.path, asciiOnly(output));
  if (production) {
    for (const name of ['client.js.map', 'server.js.map', 'lintWorker.js.map']) fs.rmSync(path.join(dist, name), { force: true });
  }
  const size = (file) => `${(fs.statSync(path.join(dist, file)).size / 1024 / 1024).toFixed(1)} MB`;
  console.log(`esbuild: client.js ${size('client.js')}, server.js ${size('server.js')}, lintWorker.js ${size('lintWorker.js')}, ${libs} lib files, ${production ? 'production' : 'development'} build in ${Date.now() - started} ms`);
}
