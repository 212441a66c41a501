import type { LoopguardSettings } from '../shared/settings';
import { sanitiseSettings } from './settings';

/**
 * Settings per document URI, fetched from the client (`workspace/configuration`, section
 * `loopguard`) and cached until the configuration changes. Clients without that request push
 * settings with `workspace/didChangeConfiguration`; those are used for every document.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<LoopguardSettings>>();
  private pushed: unknown;

  constructor(
    private readonly fetch: ((uri: string) => Promise<unknown>) | undefined,
    private readonly report: (problems: string[]) => void,
    /** The rule ids settings may name (known once a lint worker has loaded the rules). */
    private readonly knownRules: () => Promise<ReadonlySet<string>>,
  ) {}

  get(uri: string): Promise<LoopguardSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Settings pushed with `workspace/didChangeConfiguration` (`{ loopguard: {...} }`). */
  setPushed(raw: unknown): void {
    if (typeof raw === 'object' && raw !== null && 'loopguard' in raw) this.pushed = (raw as { loopguard: unknown }).loopguard;
    this.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  private async load(uri: string): Promise<LoopguardSettings> {
    let raw: unknown = this.pushed;
    if (this.fetch) {
      try {
        const fetched = await this.fetch(uri);
        if (fetched !== undefined && fetched !== null) raw = fetched;
      } catch {
        // Keep the pushed settings (or the defaults).
      }
    }
    const { settings, problems } = sanitiseSettings(raw, await this.knownRules());
    if (problems.length > 0) this.report(problems);
    return settings;
  }
}
