/**
 * Keeps code that runs inside the server (rules, a workspace's ESLint config) from ending the
 * process: while such code runs, `process.exit` throws instead, and the error is handled like
 * any other rule error. Outside those regions `process.exit` behaves normally, so the LSP
 * `exit` notification still ends the server.
 */
const originalExit = process.exit.bind(process);
let depth = 0;
let installed = false;

export class ProcessExitError extends Error {
  constructor(readonly code: string | number | null | undefined) {
    super(`process.exit(${String(code ?? '')}) was called while linting; ignored`);
  }
}

export function installProcessExitGuard(): void {
  if (installed) return;
  installed = true;
  process.exit = ((code?: string | number | null) => {
    if (depth > 0) throw new ProcessExitError(code);
    return originalExit(code);
  }) as typeof process.exit;
}

/** Ends the process even inside a guarded region (the LSP `exit` notification). */
export function exitProcess(code: number): never {
  return originalExit(code);
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

/** The async form: the guard stays on until the promise settles. */
export async function guardExitAsync<T>(fn: () => Promise<T>): Promise<T> {
  depth++;
  try {
    return await fn();
  } finally {
    depth--;
  }
}
