import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * User settings that stop the workbench and the built-in extensions from reaching the network or
 * opening things the tests do not expect. Each one was seen making a request without it.
 */
export const OFFLINE_USER_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autofetch': false,
  'files.autoSave': 'off',
};

/** A fresh directory per run holding everything code-server would otherwise keep in the user's home. */
export interface Sandbox {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  /** Environment for code-server (and its extension host): empty gallery, private XDG dirs. */
  env: Record<string, string>;
  remove(): void;
}

export function createSandbox(userSettings: Record<string, unknown> = {}): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-code-server-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const configFile = path.join(root, 'config.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, '');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...OFFLINE_USER_SETTINGS, ...userSettings }, null, 2)}\n`);
  return {
    root,
    userDataDir,
    extensionsDir,
    configFile,
    env: {
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
      XDG_DATA_HOME: path.join(root, 'xdg-data'),
      XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    },
    remove() {
      if (process.env.LOOPGUARD_KEEP_SANDBOX) return;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Copies code-server's logs (extension host, our output channel, ...) into `destination`. */
export function saveLogs(sandbox: Sandbox, destination: string): void {
  const logs = path.join(sandbox.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  fs.rmSync(destination, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  fs.cpSync(logs, destination, { recursive: true });
}
