#!/usr/bin/env node
// Writes the README's rule table from the rules' meta (between the markers), or with --check fails when
// the README is out of date. Reads the built plugin: run `npm run build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const plugin = require('../eslint-plugin/dist/index.js');
const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const BEGIN = '<!-- begin auto-generated rules list -->';
const END = '<!-- end auto-generated rules list -->';

export function renderRulesTable(rules) {
  const rows = Object.entries(rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, rule]) => {
      const docs = rule.meta.docs ?? {};
      const preset = docs.recommended ? '✅ 🔒' : docs.strict ? '🔒' : '';
      const fix = [rule.meta.fixable ? '🔧' : '', rule.meta.hasSuggestions ? '💡' : ''].filter(Boolean).join(' ');
      return `| [${id}](eslint-plugin/docs/rules/${id}.md) | ${docs.description} | ${preset} | ${fix} |`;
    });
  return [
    '✅ in `recommended` · 🔒 in `strict` · 🔧 autofix · 💡 suggestions. Every rule runs without type information and gets sharper with it.',
    '',
    '| Rule | Description | Presets | Fixes |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no ${BEGIN} … ${END} markers`);
  process.exit(1);
}
const updated = `${readme.slice(0, start + BEGIN.length)}\n${renderRulesTable(plugin.rules)}\n${readme.slice(end)}`;
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md rule table is out of date: run `npm run docs:rules`.');
    process.exit(1);
  }
  console.log('README.md rule table is up to date.');
} else {
  writeFileSync(readmePath, updated);
  console.log('README.md rule table written.');
}
