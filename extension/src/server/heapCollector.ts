/**
 * Full garbage collections on demand, for a lint worker: the moments when much of its heap has just
 * died (a large file's parse, or its whole lint) are known to the worker, not to V8, which would
 * otherwise carry that garbage until the heap reaches its next limit (up to four times the live
 * data with a 2 GB heap limit).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Texts from this size on leave garbage worth collecting at once (a 1 MB file: about 60 MB after its parse, 200 MB after its lint). */
export const LARGE_TEXT = 256 * 1024;

let gc: (() => void) | undefined;

/**
 * A full collection now. `--expose-gc` is set at run time because a worker thread cannot take V8
 * flags of its own; where that fails, nothing is collected.
 */
export function collectGarbage(): void {
  try {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    gc = () => undefined;
  }
}
