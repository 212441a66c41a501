import * as path from 'node:path';

/** A path as the user would type it: relative to the working folder when inside it, absolute otherwise. */
export function displayPath(workingDirectory: string, file: string): string {
  const relative = path.relative(workingDirectory, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The first non-empty line of an error's message. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
