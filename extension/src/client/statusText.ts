import type { StatusParams } from '../shared/customMessages';

/** Longest detail line the language status hover shows without running off a narrow window. */
export const MAX_DETAIL_LENGTH = 64;

export interface StatusText {
  /** Shown in the status bar and as the hover's title. */
  text: string;
  /** One short line next to it. */
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  /** Everything the server said (for the output and the link's tooltip), when the detail does not show it all. */
  full?: string;
}

/**
 * What the language status item says about the active document's last lint: short enough for the
 * hover (the whole message goes to the output when it does not fit).
 */
export function describeStatus(status: StatusParams | undefined, trusted: boolean, timeOf: (iso: string) => string): StatusText {
  if (!status) {
    return { text: 'Loopguard', detail: trusted ? 'waiting for the first lint' : 'restricted mode: syntactic only', severity: 'information', busy: false };
  }
  if (status.loadingProject !== undefined) {
    return {
      text: 'Loopguard: loading project…',
      detail: fit(`${status.loadingProject}: first type-aware lint`),
      severity: 'information',
      busy: true,
      full: `Loading the TypeScript project ${status.loadingProject} for its first type-aware lint; the diagnostics shown meanwhile are the syntactic ones.`,
    };
  }
  const mode = status.mode === 'typeAware' ? 'type-aware' : 'syntactic';
  const text = status.skipped ? 'Loopguard: skipped' : `Loopguard: ${mode}`;
  const severity = status.state === 'error' ? 'error' : status.state === 'warn' ? 'warning' : 'information';
  const time = timeOf(status.lintedAt);
  if (!status.message) {
    const took = status.durationMs === undefined ? '' : ` in ${status.durationMs} ms`;
    const source = status.configSource === 'eslintConfig' ? ', eslint.config rules' : '';
    return { text, detail: fit(`linted at ${time}${took}${source}`), severity, busy: false };
  }
  const notes = status.message.split('; ');
  const first = notes[0]!;
  const more = notes.length > 1 ? ` (+${notes.length - 1})` : '';
  const detail = fit(first, more);
  const whole = detail === status.message;
  return { text, detail, severity, busy: false, ...(whole ? {} : { full: `${status.message} (${time})` }) };
}

/** `text` (then `suffix`) cut with an ellipsis so that both fit in MAX_DETAIL_LENGTH. */
function fit(text: string, suffix = ''): string {
  const room = MAX_DETAIL_LENGTH - suffix.length;
  if (text.length <= room) return text + suffix;
  return `${text.slice(0, room - 1).trimEnd()}…${suffix}`;
}
