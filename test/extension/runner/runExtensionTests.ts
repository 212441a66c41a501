import fs from 'node:fs';
import path from 'node:path';

import { launchChromium } from './chromium';
import { runCodeServerCli, startCodeServer } from './codeServer';
import { readSuiteResults, RESULTS_ENV, type SuiteResults } from './results';
import { createSandbox, saveLogs } from './sandbox';
import type { ToolPaths } from './versions';
import { runTestsInWorkbench } from './workbench';

export interface ExtensionTestRun {
  label: string;
  /** Extensions loaded from source (none when testing an installed .vsix). */
  extensionDevelopmentPaths: string[];
  /** A module exporting `run()`, loaded by the extension host. */
  extensionTestsPath: string;
  /** Folder the window opens. */
  folder?: string;
  /** A .vsix to install into the fresh extensions directory before starting. */
  vsix?: string;
  /** Extra environment for code-server and the extension host. */
  env?: Record<string, string>;
  /** Where the extension-host output and code-server's logs are saved. */
  artifactsDir: string;
  timeoutMs: number;
}

export interface ExtensionTestOutcome {
  exitCode: number;
  timedOut: boolean;
  /** Absent when the suite never reported (it did not load, or the run timed out). */
  results?: SuiteResults;
  durationMs: number;
}

/**
 * The workbench runs `extensionTestsPath` only in extension-development mode. To test an installed
 * .vsix there is nothing to develop, so an empty extension (a manifest, no code) is loaded instead.
 */
function testCarrier(sandboxRoot: string): string {
  const dir = path.join(sandboxRoot, 'test-carrier');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({
    name: 'test-carrier', publisher: 'loopguard-tests', version: '0.0.0', engines: { vscode: '*' },
    description: 'Empty extension that puts the workbench in extension-development mode so the tests run.',
  }, null, 2)}\n`);
  return dir;
}

/** Runs one extension test suite in a fresh, offline code-server opened by headless Chromium. */
export async function runExtensionTests(tools: ToolPaths, chromiumPath: string, run: ExtensionTestRun,
  echo: (line: string) => void): Promise<ExtensionTestOutcome> {
  const started = Date.now();
  const sandbox = createSandbox();
  const resultsFile = path.join(sandbox.root, 'results.json');
  fs.mkdirSync(run.artifactsDir, { recursive: true });
  try {
    if (run.vsix) {
      const installed = await runCodeServerCli(tools, sandbox, ['--install-extension', run.vsix]);
      if (installed.code !== 0) throw new Error(`code-server --install-extension ${run.vsix} failed:\n${installed.output}`);
      echo(`[runner] installed ${path.basename(run.vsix)} into code-server`);
    }
    const developmentPaths = run.extensionDevelopmentPaths.length > 0 ? run.extensionDevelopmentPaths : [testCarrier(sandbox.root)];
    const server = await startCodeServer(tools, sandbox, { ...run.env, [RESULTS_ENV]: resultsFile });
    echo(`[runner] ${run.label}: code-server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    try {
      const browser = await launchChromium(tools, chromiumPath);
      try {
        const outcome = await runTestsInWorkbench(browser.context, server, {
          folder: run.folder,
          extensionDevelopmentPaths: developmentPaths,
          extensionTestsPath: run.extensionTestsPath,
        }, run.timeoutMs, echo);
        fs.writeFileSync(path.join(run.artifactsDir, 'extension-host-console.log'), `${outcome.log.join('\n')}\n`);
        if (outcome.timedOut) echo(`[runner] ${run.label}: no result after ${run.timeoutMs / 1000} s`);
        return { exitCode: outcome.exitCode, timedOut: outcome.timedOut, results: readSuiteResults(resultsFile), durationMs: Date.now() - started };
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
      fs.writeFileSync(path.join(run.artifactsDir, 'code-server.log'), server.output());
    }
  } finally {
    saveLogs(sandbox, path.join(run.artifactsDir, 'logs'));
    sandbox.remove();
  }
}
