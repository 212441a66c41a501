/**
 * `process.exit` inside a lint worker. In a worker thread it ends only that thread, which the main
 * thread then replaces; this module makes it say who called it first, and keeps the bundled rules
 * from ending a worker in the middle of a lint: while a lint runs, `process.exit` throws instead,
 * and the error is handled like any other rule error.
 */
const originalExit = process.exit.bind(process);
let depth = 0;
let installed = false;

export class ProcessExitError extends Error {
  constructor(readonly code: string | number | null | undefined) {
    super(`process.exit(${String(code ?? '')}) was called while linting; ignored`);
  }
}

/**
 * Replaces `process.exit`: inside {@link guardExit} it throws; elsewhere it reports the code and
 * its caller (the first stack frame outside `ownFile`, such as a workspace's eslint.config.mjs),
 * then exits as before.
 */
export function installProcessExitGuard(onExit?: (code: string, caller: string | undefined) => void, ownFile?: string): void {
  if (installed) return;
  installed = true;
  process.exit = ((code?: string | number | null) => {
    if (depth > 0) throw new ProcessExitError(code);
    onExit?.(String(code ?? process.exitCode ?? 0), callerOf(new Error().stack, ownFile));
    return originalExit(code);
  }) as typeof process.exit;
}

/** Runs `fn` with `process.exit` turned into a thrown {@link ProcessExitError}. */
export function guardExit<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

/** The first frame of `stack` that is neither in `ownFile` nor in Node itself, as "path:line:column". */
export function callerOf(stack: string | undefined, ownFile?: string): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const frame = line.trim().replace(/^at\s+/, '');
    // Without the file: scheme and the query ESLint adds to a config's URL (`?mtime=…`).
    const location = (/\(([^()]*)\)$/.exec(frame)?.[1] ?? frame).replace(/^file:\/\//, '').replace(/\?[^:/]*(?=:\d+:\d+$)/, '');
    if (!/:\d+:\d+$/.test(location) || location.startsWith('node:')) continue;
    if (ownFile !== undefined && location.startsWith(`${ownFile}:`)) continue;
    return location;
  }
  return undefined;
}
