import fs from 'node:fs';
import path from 'node:path';

import type { LaunchedBrowser } from './chromium';
import type { CodeServer } from './codeServer';
import { type Sandbox, saveLogs } from './sandbox';

/** What a browser-driven test opens: code-server in a sandbox, and Chromium on its workbench. */
export interface UiSession {
  browser: LaunchedBrowser;
  server: CodeServer;
  sandbox: Sandbox;
}

/**
 * Closes a browser-driven test's session and keeps what explains a failure in `outDir`: code-server's
 * output (`code-server.log`) and the workbench's logs (`logs/`). The sandbox is removed afterwards.
 */
export async function closeUiSession({ browser, server, sandbox }: UiSession, outDir: string): Promise<void> {
  await browser.close();
  await server.stop();
  fs.writeFileSync(path.join(outDir, 'code-server.log'), server.output());
  saveLogs(sandbox, path.join(outDir, 'logs'));
  sandbox.remove();
}
