/** A replacement of `oldText.slice(start, end)` by `newText`, in offsets of the old text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Above this many changed lines the diff gives up on minimality and returns one edit. */
const MAX_EDIT_DISTANCE = 4000;

/**
 * Computes small, non-overlapping, ascending edits that turn `oldText` into `newText`:
 * a line diff (Myers' O(ND) algorithm), each changed block then trimmed to the characters that
 * really differ, so the editor keeps cursors, folding and markers outside the changes.
 */
export function computeEdits(oldText: string, newText: string): OffsetEdit[] {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const offsets = lineOffsets(a);
  const hunks = diffLines(a, b, MAX_EDIT_DISTANCE);
  if (hunks === undefined) return [trimmedEdit(oldText, 0, oldText.length, newText)];
  return hunks.map(([aStart, aEnd, bStart, bEnd]) =>
    trimmedEdit(oldText, offsets[aStart]!, offsets[aEnd]!, b.slice(bStart, bEnd).join('')),
  );
}

/** Applies ascending, non-overlapping edits (for tests and for sanity checks). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = '';
  let last = 0;
  for (const edit of edits) {
    if (edit.start < last) throw new Error('edits overlap or are not sorted');
    result += text.slice(last, edit.start) + edit.newText;
    last = edit.end;
  }
  return result + text.slice(last);
}

/** Lines including their terminator, so that joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1]! + line.length);
  return offsets;
}

function trimmedEdit(oldText: string, start: number, end: number, replacement: string): OffsetEdit {
  const old = oldText.slice(start, end);
  const max = Math.min(old.length, replacement.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)
  ) suffix++;
  // Never split a surrogate pair.
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  return { start: start + prefix, end: end - suffix, newText: replacement.slice(prefix, replacement.length - suffix) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Myers' diff on lines. Returns the changed blocks as `[aStart, aEnd, bStart, bEnd]`, or
 * `undefined` when more than `maxDistance` lines differ.
 */
export function diffLines(a: readonly string[], b: readonly string[], maxDistance: number): Array<[number, number, number, number]> | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v: Int32Array<ArrayBufferLike> = new Int32Array(2 * max + 3);
  const trace: Array<Int32Array<ArrayBufferLike>> = [];
  let found = false;
  for (let d = 0; d <= max && d <= maxDistance && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  if (!found) return undefined;

  // Walk back through the trace collecting the matched line pairs.
  const matches: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; matches.push([x, y]); }
    x = prevX;
    y = prevY;
  }
  matches.reverse();

  const hunks: Array<[number, number, number, number]> = [];
  let pa = 0;
  let pb = 0;
  for (const [ai, bi] of matches) {
    if (ai > pa || bi > pb) hunks.push([pa, ai, pb, bi]);
    pa = ai + 1;
    pb = bi + 1;
  }
  if (pa < n || pb < m) hunks.push([pa, n, pb, m]);
  return hunks;
}
