import * as path from 'node:path';

import { uriToPath } from './uri';

export const SUPPORTED_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;
export const SUPPORTED_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

export interface LintTarget {
  /** The path given to ESLint: the real file, or a made-up one with the right extension. */
  lintPath: string;
  /** The file on disk, when the document is one with a supported extension. */
  realPath?: string;
}

export function hasSupportedExtension(filePath: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(filePath).toLowerCase());
}

/**
 * Where a document is linted as. Files with a supported extension are linted under their own
 * path; untitled or oddly named documents in a supported language get a virtual path whose
 * extension matches the language. Anything else is not linted.
 */
export function lintTargetFor(uri: string, languageId: string | undefined, fallbackDir: string): LintTarget | undefined {
  const realPath = uriToPath(uri);
  if (realPath !== undefined && hasSupportedExtension(realPath)) return { lintPath: realPath, realPath };
  const extension = languageId === undefined ? undefined : EXTENSION_BY_LANGUAGE[languageId];
  if (extension === undefined) return undefined;
  const base = realPath ?? path.join(fallbackDir, `untitled-${sanitise(uri)}`);
  return { lintPath: `${base}${extension}` };
}

function sanitise(uri: string): string {
  return uri.replace(/[^A-Za-z0-9_-]+/g, '_').slice(-60);
}
