import { formatFileSize } from '../../../cli/src/fileSize';
import type { SkipReason } from '../shared/customMessages';

/** How many characters are inspected for the binary and minified checks. */
const SAMPLE_LENGTH = 64 * 1024;
/** A line longer than this is never hand-written code. */
const MAX_LINE_LENGTH = 20_000;
/** Average line length above which a file counts as minified (when it is not tiny). */
const MINIFIED_AVERAGE_LINE = 500;
const MINIFIED_MIN_LENGTH = 4096;

/**
 * Decides whether a document should not be linted at all: too large, binary, or minified.
 * Returns `undefined` for documents that should be linted. Pure and cheap (looks at a sample).
 */
export function skipReason(text: string, fileName: string, maxFileSize: number): SkipReason | undefined {
  if (text.length > maxFileSize || Buffer.byteLength(text, 'utf8') > maxFileSize) return 'tooLarge';
  const sample = text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
  if (looksBinary(sample)) return 'binary';
  if (/\.min\.[cm]?js$/i.test(fileName) || looksMinified(sample)) return 'minified';
  return undefined;
}

/** NUL characters, or many control characters, do not occur in source text. */
export function looksBinary(sample: string): boolean {
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12 && code !== 11) control++;
    if (code === 0xfffd) control++; // replacement characters from a failed decode
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** One very long line, or long lines on average over a non-trivial sample. */
export function looksMinified(sample: string): boolean {
  let lines = 1;
  let lineStart = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 10) {
      if (i - lineStart > MAX_LINE_LENGTH) return true;
      lines++;
      lineStart = i + 1;
    }
  }
  if (sample.length - lineStart > MAX_LINE_LENGTH) return true;
  return sample.length >= MINIFIED_MIN_LENGTH && sample.length / lines > MINIFIED_AVERAGE_LINE;
}

export function describeSkip(reason: SkipReason, maxFileSize: number): string {
  switch (reason) {
    case 'tooLarge': return `skipped: larger than loopguard.maxFileSize (${formatFileSize(maxFileSize)})`;
    case 'minified': return 'skipped: looks minified';
    case 'binary': return 'skipped: looks binary';
    case 'disabled': return 'skipped: loopguard.enable is false';
    case 'unsupported': return 'skipped: not a JavaScript/TypeScript file';
    case 'ignored': return 'skipped: ignored by the ESLint configuration';
  }
}
