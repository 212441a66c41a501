import * as fs from 'node:fs';

/** Extensions Loopguard lints. */
export const LINTABLE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type SkipReason =
  | { kind: 'too-large'; size: number; limit: number }
  | { kind: 'binary' }
  | { kind: 'minified'; longestLine: number }
  | { kind: 'unreadable'; message: string };

/** Lines this long only come from generated code; no person reads or fixes such a file. */
const MINIFIED_LINE_LENGTH = 1000;
const MINIFIED_SAMPLE_SIZE = 64 * 1024;

export function isLintablePath(filePath: string): boolean {
  return LINTABLE_EXTENSIONS.some((extension) => filePath.endsWith(extension) && !filePath.endsWith(`.d${extension}`));
}

/** Why a text should not be linted (binary, minified), or null. Looks at the first 64 KiB only. */
export function checkText(text: string): SkipReason | null {
  const sample = text.length > MINIFIED_SAMPLE_SIZE ? text.slice(0, MINIFIED_SAMPLE_SIZE) : text;
  if (sample.includes('\u0000')) return { kind: 'binary' };
  let longestLine = 0;
  let lineStart = 0;
  let longLines = 0;
  let lines = 0;
  for (let index = 0; index <= sample.length; index++) {
    if (index === sample.length || sample.charCodeAt(index) === 10) {
      const length = index - lineStart;
      lines++;
      if (length > longestLine) longestLine = length;
      if (length > MINIFIED_LINE_LENGTH) longLines++;
      lineStart = index + 1;
    }
  }
  // One very long line in a short file is a generated bundle; a few long lines in a long file are data.
  if (longLines > 0 && (lines <= 3 || longLines * 10 >= lines)) return { kind: 'minified', longestLine };
  return null;
}

/** Reads a file for linting, or says why it is skipped. Never throws. */
export function readLintableFile(filePath: string, maxFileSize: number): { text: string } | { skip: SkipReason } {
  try {
    const { size } = fs.statSync(filePath);
    if (size > maxFileSize) return { skip: { kind: 'too-large', size, limit: maxFileSize } };
    const buffer = fs.readFileSync(filePath);
    if (buffer.subarray(0, MINIFIED_SAMPLE_SIZE).includes(0)) return { skip: { kind: 'binary' } };
    const text = buffer.toString('utf8');
    const reason = checkText(text);
    return reason ? { skip: reason } : { text };
  } catch (error) {
    return { skip: { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) } };
  }
}

export function describeSkipReason(reason: SkipReason): string {
  switch (reason.kind) {
    case 'too-large':
      return `skipped: ${formatSize(reason.size)} is over the size limit of ${formatSize(reason.limit)} (raise it with --max-file-size)`;
    case 'binary':
      return 'skipped: binary file (it contains NUL bytes)';
    case 'minified':
      return `skipped: minified or generated code (a line of ${reason.longestLine.toLocaleString('en-US')} characters)`;
    case 'unreadable':
      return `skipped: cannot read the file (${reason.message})`;
  }
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
