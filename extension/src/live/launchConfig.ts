/**
 * Adds the tracker's `--import` to a js-debug launch configuration (plain data, no `vscode`).
 * `node`/`pwa-node` launches get it in `runtimeArgs`; `node-terminal` (which runs a command line)
 * gets it through `NODE_OPTIONS`. Attach requests are left alone (the tracker is injected with one
 * `Runtime.evaluate` instead).
 */

export interface LaunchConfigLike {
  type?: string;
  request?: string;
  runtimeArgs?: unknown;
  env?: unknown;
  [key: string]: unknown;
}

export const TRACKED_DEBUG_TYPES = ['node', 'pwa-node', 'node-terminal'] as const;

/** Returns a copy with the tracker added, or the config itself when it does not apply. */
export function withTrackerImport<T extends LaunchConfigLike>(config: T, importUrl: string): T {
  if (!config || typeof config !== 'object' || config.request !== 'launch') return config;
  if (config.type === 'node' || config.type === 'pwa-node') {
    const args = Array.isArray(config.runtimeArgs) ? config.runtimeArgs.filter((a): a is string => typeof a === 'string') : [];
    if (args.some((a, i) => a.includes(importUrl) && (a.startsWith('--import') || args[i - 1] === '--import'))) return config;
    return { ...config, runtimeArgs: ['--import', importUrl, ...args] };
  }
  if (config.type === 'node-terminal') {
    const env = config.env && typeof config.env === 'object' ? { ...(config.env as Record<string, unknown>) } : {};
    const existing = typeof env.NODE_OPTIONS === 'string' ? env.NODE_OPTIONS : '';
    if (existing.includes(importUrl)) return config;
    env.NODE_OPTIONS = `${existing ? existing + ' ' : ''}--import=${quoteForNodeOptions(importUrl)}`;
    return { ...config, env };
  }
  return config;
}

/** NODE_OPTIONS splits on spaces unless quoted; file URLs encode spaces anyway, but be safe. */
function quoteForNodeOptions(value: string): string {
  return /[\s"\\]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
}

/** js-debug's `clipboard` evaluate answers with the string value as a quoted literal: unquote it. */
export function unquoteEvaluateResult(result: unknown): string | undefined {
  if (typeof result !== 'string') return undefined;
  const text = result.trim();
  if (text === 'null' || text === 'undefined') return undefined;
  if (text.startsWith('"')) {
    try {
      const inner: unknown = JSON.parse(text);
      return typeof inner === 'string' ? inner : undefined;
    } catch {
      return undefined;
    }
  }
  return text.startsWith('{') ? text : undefined;
}
