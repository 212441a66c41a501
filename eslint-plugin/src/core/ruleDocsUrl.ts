// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../../package.json') as { name: string; version: string };

/**
 * Serves the files of every published npm package at `<host>/<name>@<version>/<path>`. The rule pages
 * ship in the package (`docs/rules/`), so a link built from the installed package's own name and version
 * shows the documentation of exactly the rules that run, and needs no site of Loopguard's own.
 */
const PACKAGE_FILES_HOST = 'https://unpkg.com';

/** The documentation page of a rule, inside the published package of the installed version. */
export function ruleDocsUrl(rule: string): string {
  return `${PACKAGE_FILES_HOST}/${name}@${version}/docs/rules/${rule}.md`;
}
