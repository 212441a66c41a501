import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import type { BrowserContext } from 'playwright-core';

import type { ToolPaths } from './versions';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (or `$CHROMIUM_PATH`); `undefined` when it is not installed. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

/** Flags that keep the browser headless and off the network (only loopback resolves). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium with a throw-away profile, driven by the cached playwright-core. */
export async function launchChromium(tools: ToolPaths, executablePath: string, viewport = { width: 1400, height: 900 }): Promise<LaunchedBrowser> {
  const requireFromTools = createRequire(path.join(tools.toolsDir, 'package.json'));
  const { chromium } = requireFromTools('playwright-core') as typeof import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-chromium-'));
  // Chromium writes crash reports and caches under XDG dirs: keep them in the throw-away profile
  const env = { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile } as Record<string, string>;
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, env, viewport });
    return {
      context,
      async close() {
        await context.close().catch(() => undefined);
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
