import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import { ESLint as BundledESLint } from 'eslint';

import type { RuleSetting } from '../shared/settings';
import { ruleIds } from './plugin';
import { loopguardRulesOf } from './ruleConfig';

const FLAT_CONFIG_FILES = [
  'eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs',
  'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts',
];

interface ESLintLike {
  calculateConfigForFile(filePath: string): Promise<unknown>;
  isPathIgnored(filePath: string): Promise<boolean>;
}

export interface WorkspaceRules {
  /** The loopguard rules the config sets for the file, undefined when it sets none. */
  rules?: Record<string, RuleSetting>;
  /** The config ignores the file. */
  ignored: boolean;
  /** Where the ESLint that read the config came from. */
  eslintFrom?: 'workspace' | 'bundled';
}

/**
 * Told when workspace code (the workspace's ESLint package, its config and the plugins that config
 * imports) starts and stops running, so that the main thread can time it: a config that loops
 * forever gets its worker terminated after a budget.
 */
export interface WorkspaceCodeWatch {
  start(folderRoot: string, configFile: string): void;
  end(folderRoot: string): void;
}

/**
 * Reads the workspace's ESLint flat config the way CI does: with the workspace's own `eslint`
 * package when it has one (else the bundled one), through `calculateConfigForFile`. This runs
 * workspace code (the config file), so callers must only use it in trusted workspaces, and only in
 * a lint worker: the code may loop, write to stdout or call `process.exit` at any time.
 */
export class WorkspaceConfigReader {
  private readonly instances = new Map<string, Promise<ESLintLike | undefined>>();
  private readonly eslintOrigin = new Map<string, 'workspace' | 'bundled'>();
  private readonly configFiles = new Map<string, string>();

  constructor(
    private readonly log: (key: string, message: string) => void,
    private readonly watch?: WorkspaceCodeWatch,
  ) {}

  async rulesFor(filePath: string, folderRoot: string): Promise<WorkspaceRules> {
    const eslint = await this.eslintFor(folderRoot);
    if (!eslint) return { ignored: false };
    try {
      return await this.watched(folderRoot, async () => {
        if (await eslint.isPathIgnored(filePath)) return { ignored: true, eslintFrom: this.eslintOrigin.get(folderRoot) };
        const config = (await eslint.calculateConfigForFile(filePath)) as { rules?: unknown } | undefined;
        return { rules: loopguardRulesOf(config?.rules, ruleIds), ignored: false, eslintFrom: this.eslintOrigin.get(folderRoot) };
      });
    } catch (error) {
      this.log(`config:${folderRoot}:${String(error)}`, `Could not read the ESLint config of ${folderRoot}: ${message(error)}`);
      return { ignored: false };
    }
  }

  /** Forget loaded configs (a config file or package.json changed). */
  clear(): void {
    this.instances.clear();
  }

  private eslintFor(folderRoot: string): Promise<ESLintLike | undefined> {
    let instance = this.instances.get(folderRoot);
    if (!instance) {
      instance = this.create(folderRoot);
      this.instances.set(folderRoot, instance);
    }
    return instance;
  }

  private async create(folderRoot: string): Promise<ESLintLike | undefined> {
    const present = await Promise.all(FLAT_CONFIG_FILES.map((name) => fileExists(path.join(folderRoot, name))));
    const configFile = FLAT_CONFIG_FILES[present.indexOf(true)];
    if (configFile === undefined) return undefined;
    this.configFiles.set(folderRoot, configFile);
    try {
      return await this.watched(folderRoot, async () => {
        const WorkspaceESLint = loadWorkspaceESLint(folderRoot);
        this.eslintOrigin.set(folderRoot, WorkspaceESLint ? 'workspace' : 'bundled');
        const ESLintClass = WorkspaceESLint ?? (BundledESLint as unknown as new (options: object) => ESLintLike);
        return new ESLintClass({ cwd: folderRoot });
      });
    } catch (error) {
      this.log(`eslint:${folderRoot}`, `Could not load ESLint for ${folderRoot}: ${message(error)}`);
      return undefined;
    }
  }

  private async watched<T>(folderRoot: string, run: () => Promise<T>): Promise<T> {
    this.watch?.start(folderRoot, this.configFiles.get(folderRoot) ?? 'eslint.config.*');
    try {
      return await run();
    } finally {
      this.watch?.end(folderRoot);
    }
  }
}

/** Whether a file exists, without blocking the server's event loop (Loopguard's own no-blocking-in-async). */
async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

/** The workspace's own `ESLint` class (ESLint ≥ 9 flat config), if it has one. */
function loadWorkspaceESLint(folderRoot: string): (new (options: object) => ESLintLike) | undefined {
  try {
    const requireFromWorkspace = createRequire(path.join(folderRoot, 'package.json'));
    const modulePath = requireFromWorkspace.resolve('eslint');
    const loaded = requireFromWorkspace(modulePath) as { ESLint?: new (options: object) => ESLintLike };
    return typeof loaded.ESLint === 'function' ? loaded.ESLint : undefined;
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
