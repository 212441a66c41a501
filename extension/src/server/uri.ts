import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The one place where document URIs become file paths (undefined for non-file URIs). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
