import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Turns a `.gitignore` into ESLint flat-config `ignores` patterns, relative to `baseDir` (the folder
 * ESLint's patterns are relative to). Handles comments, negation, anchoring (`/x`, `a/b`) and
 * directory patterns (`x/`); an unreadable file gives no patterns.
 */
export function readGitignorePatterns(gitignorePath: string, baseDir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(gitignorePath, 'utf8');
  } catch {
    return [];
  }
  const relativeDir = path.relative(baseDir, path.dirname(gitignorePath)).split(path.sep).join('/');
  if (relativeDir.startsWith('..')) return [];
  const prefix = relativeDir === '' ? '' : `${relativeDir}/`;
  const patterns: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    let pattern = negated ? line.slice(1) : line;
    if (pattern.startsWith('\\')) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const anchored = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    const base = anchored ? `${prefix}${pattern}` : `${prefix}**/${pattern}`;
    const expanded = directoryOnly ? [`${base}/`] : [base, `${base}/**`];
    for (const item of expanded) patterns.push(negated ? `!${item}` : item);
  }
  return patterns;
}
