#!/usr/bin/env node
// Writes what each published package carries besides its code, from the one place each thing is defined:
//   README.md   the sections of the repository's README.md marked for the package
//               (`<!-- begin package section: <names> -->` … `<!-- end package section: <names> -->`),
//               with rule links pointing at each rule's page inside the published package (`meta.docs.url`)
//   LICENSE     the repository's LICENSE
//   package.json `homepage`, `repository` (with the package's folder) and `bugs`: the project's home, as
//               the root package.json states it
// With --check, writes nothing and fails when a file is out of date. Reads the built plugin: run
// `npm run build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const plugin = require('../eslint-plugin/dist/index.js');
const repoFile = (name) => fileURLToPath(new URL(`../${name}`, import.meta.url));

const PACKAGES = [
  { folder: 'eslint-plugin', uses: 'Also: the zero-config command `loopguard` (`npx loopguard`) and a VS Code extension, built on the same rules.' },
  { folder: 'cli', uses: 'The rules are those of `eslint-plugin-loopguard`, which also runs in your own ESLint or oxlint setup.' },
];
const HOME_FIELDS = ['homepage', 'repository', 'bugs'];
const SECTION = /<!-- begin package section: ([^>]*?) -->\n([\s\S]*?)<!-- end package section: \1 -->\n?/g;
const RULE_LINK = /\]\(eslint-plugin\/docs\/rules\/([a-z-]+)\.md\)/g;
const RELATIVE_LINK = /\]\((?!https?:|#)([^)]+)\)/;

const readme = readFileSync(repoFile('README.md'), 'utf8');
const license = readFileSync(repoFile('LICENSE'), 'utf8');
const root = JSON.parse(readFileSync(repoFile('package.json'), 'utf8'));

/** @type {{ file: string, content: string }[]} */
const outputs = [];
for (const { folder, uses } of PACKAGES) {
  const manifestFile = repoFile(`${folder}/package.json`);
  const manifestText = readFileSync(manifestFile, 'utf8');
  const manifest = JSON.parse(manifestText);
  const sections = [...readme.matchAll(SECTION)]
    .filter(([, names]) => names.split(',').map((name) => name.trim()).includes(manifest.name))
    .map(([, , body]) => body.trim().replace(RULE_LINK, (_, id) => `](${ruleUrl(id)})`));
  if (sections.length === 0) throw new Error(`README.md marks no section for ${manifest.name}`);
  for (const section of sections) {
    const relative = RELATIVE_LINK.exec(section);
    if (relative) throw new Error(`a section for ${manifest.name} links to ${relative[1]}, which is not in the package: use an absolute URL`);
  }
  const packageReadme = [
    `<!-- Generated from the repository's README.md by scripts/package-files.mjs: edit that file. -->`,
    `# ${manifest.name}`,
    `${manifest.description} ${uses}`,
    ...sections,
    '## License',
    'MIT © Loopguard contributors',
  ].join('\n\n');
  outputs.push({ file: repoFile(`${folder}/README.md`), content: `${packageReadme}\n` });
  outputs.push({ file: repoFile(`${folder}/LICENSE`), content: license });

  const updated = { ...manifest };
  for (const field of HOME_FIELDS) delete updated[field];
  const withHome = {};
  for (const [key, value] of Object.entries(updated)) {
    withHome[key] = value;
    if (key === 'license') {
      withHome.homepage = root.homepage;
      withHome.repository = { ...root.repository, directory: folder };
      withHome.bugs = root.bugs;
    }
  }
  outputs.push({ file: manifestFile, content: `${JSON.stringify(withHome, null, 2)}\n` });
}

function ruleUrl(id) {
  const url = plugin.rules[id]?.meta.docs?.url;
  if (!url) throw new Error(`README.md links to an unknown rule ${id}`);
  return url;
}

const stale = outputs.filter(({ file, content }) => {
  try {
    return readFileSync(file, 'utf8') !== content;
  } catch {
    return true;
  }
});
if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    console.error(`out of date (run \`npm run docs:rules\`): ${stale.map(({ file }) => file.slice(repoFile('').length)).join(', ')}`);
    process.exit(1);
  }
  console.log('package READMEs, licences and home fields are up to date.');
} else {
  for (const { file, content } of stale) writeFileSync(file, content);
  console.log(`package files written (${stale.length} changed).`);
}
