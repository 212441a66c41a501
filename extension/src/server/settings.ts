import { parseFileSize } from '../../../cli/src/fileSize';
import {
  DEFAULT_SETTINGS,
  type ConfigPriority,
  type PresetSetting,
  type LoopguardSettings,
  type RuleSetting,
  type RuleSeverity,
  type RunSetting,
  type TypeAwareSetting,
} from '../shared/settings';

export interface SanitisedSettings {
  settings: LoopguardSettings;
  /** One line per value that was ignored, for the output channel. */
  problems: string[];
}

/**
 * Turns whatever a client sent for the `loopguard` section into valid settings. Wrong types
 * fall back to the defaults and are reported; nothing here throws.
 */
export function sanitiseSettings(raw: unknown, knownRules: ReadonlySet<string>): SanitisedSettings {
  const problems: string[] = [];
  const input = isPlainObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) problems.push('loopguard: settings must be an object');

  const pick = <T>(key: keyof LoopguardSettings, accept: (v: unknown) => v is T, fallback: T): T => {
    const value = input[key];
    if (value === undefined || value === null) return fallback;
    if (accept(value)) return value;
    problems.push(`loopguard.${key}: ignored invalid value ${safeJson(value)}`);
    return fallback;
  };

  const maxFileSize = pick('maxFileSize', isFileSize, DEFAULT_SETTINGS.maxFileSize);
  return {
    settings: {
      enable: pick('enable', isBoolean, DEFAULT_SETTINGS.enable),
      rules: sanitiseRules(input.rules, knownRules, problems),
      preset: pick<PresetSetting>('preset', oneOf(['recommended', 'strict']), DEFAULT_SETTINGS.preset),
      typeAware: pick<TypeAwareSetting>('typeAware', oneOf(['auto', 'on', 'off']), DEFAULT_SETTINGS.typeAware),
      run: pick<RunSetting>('run', oneOf(['onType', 'onSave']), DEFAULT_SETTINGS.run),
      maxFileSize: typeof maxFileSize === 'string' ? parseFileSize(maxFileSize)! : Math.floor(maxFileSize),
      useESLintConfig: pick('useESLintConfig', isBoolean, DEFAULT_SETTINGS.useESLintConfig),
      configPriority: pick<ConfigPriority>('configPriority', oneOf(['eslintConfig', 'settings']), DEFAULT_SETTINGS.configPriority),
    },
    problems,
  };
}

/** Accepts `"warn"`, `1`, `["warn", {...}]`, `[1, {...}]`; keys with or without `loopguard/`. */
export function sanitiseRules(raw: unknown, knownRules: ReadonlySet<string>, problems: string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (raw === undefined || raw === null) return rules;
  if (!isPlainObject(raw)) {
    problems.push(`loopguard.rules: ignored invalid value ${safeJson(raw)} (expected an object)`);
    return rules;
  }
  for (const [key, value] of Object.entries(raw)) {
    const id = key.startsWith('loopguard/') ? key.slice('loopguard/'.length) : key;
    if (!knownRules.has(id)) {
      problems.push(`loopguard.rules: unknown rule "${key}"`);
      continue;
    }
    const entry = normaliseRuleEntry(value);
    if (entry === undefined) {
      problems.push(`loopguard.rules["${key}"]: ignored invalid value ${safeJson(value)}`);
      continue;
    }
    rules[id] = entry;
  }
  return rules;
}

/** A rule entry as written in settings or an ESLint config, with the severity as a word. */
export function normaliseRuleEntry(value: unknown): RuleSetting | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const severity = normaliseSeverity(value[0]);
    if (severity === undefined) return undefined;
    return value.length === 1 ? severity : [severity, ...value.slice(1)];
  }
  return normaliseSeverity(value);
}

export function normaliseSeverity(value: unknown): RuleSeverity | undefined {
  switch (value) {
    case 0: case 'off': return 'off';
    case 1: case 'warn': return 'warn';
    case 2: case 'error': return 'error';
    default: return undefined;
  }
}

export function severityOf(entry: RuleSetting): RuleSeverity {
  return Array.isArray(entry) ? entry[0] : entry;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}
/** A size in bytes, or as text with a unit (`"1 MB"`, `"500kb"`). */
function isFileSize(value: unknown): value is number | string {
  return isPositiveFinite(value) || (typeof value === 'string' && parseFileSize(value) !== undefined);
}

function isPositiveFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
function oneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}
function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
