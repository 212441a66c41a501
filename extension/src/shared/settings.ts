/**
 * The `loopguard.*` settings. Every setting lives in four places: the manifest (root
 * package.json), this type, the client (which passes VS Code's values through), and the
 * server's sanitiser (`server/settings.ts`), which accepts anything and returns this shape.
 */
export type RuleSeverity = 'off' | 'warn' | 'error';

/** `"warn"`, or `["warn", { ...options }]`, like an ESLint rule entry (0/1/2 accepted too). */
export type RuleSetting = RuleSeverity | [RuleSeverity, ...unknown[]];

export type TypeAwareSetting = 'auto' | 'on' | 'off';
export type RunSetting = 'onType' | 'onSave';
/** The plugin's preset that rules not configured anywhere else come from. */
export type PresetSetting = 'recommended' | 'strict';
/** Which source wins when both the settings and the workspace's ESLint config configure a rule. */
export type ConfigPriority = 'eslintConfig' | 'settings';

export interface LoopguardSettings {
  enable: boolean;
  /** Rule id without the `loopguard/` prefix → entry. Rules not listed use `preset`. */
  rules: Record<string, RuleSetting>;
  /** `configs.recommended` (the default) or `configs.strict`, for the rules neither `rules` nor the ESLint config set. */
  preset: PresetSetting;
  typeAware: TypeAwareSetting;
  run: RunSetting;
  /** Files larger than this many bytes are skipped (the setting also takes `"1 MB"`, `"500 KB"`). */
  maxFileSize: number;
  /** Read the workspace's ESLint flat config (trusted workspaces only). */
  useESLintConfig: boolean;
  configPriority: ConfigPriority;
}

export const DEFAULT_SETTINGS: LoopguardSettings = {
  enable: true,
  rules: {},
  preset: 'recommended',
  typeAware: 'auto',
  run: 'onType',
  maxFileSize: 1_048_576,
  useESLintConfig: true,
  configPriority: 'eslintConfig',
};
