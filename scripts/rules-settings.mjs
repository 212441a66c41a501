#!/usr/bin/env node
// Writes the rule names into the manifest's `loopguard.rules` setting (package.json), from the rules' meta,
// so the settings editor and settings.json completion list every rule with its description; with --check
// fails when the manifest is out of date. Reads the built plugin: run `npm run build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const plugin = require('../eslint-plugin/dist/index.js');
const manifestPath = fileURLToPath(new URL('../package.json', import.meta.url));

/** A rule entry as ESLint takes it: a severity, or `[severity, options…]`. */
const ENTRY = {
  anyOf: [
    { type: 'string', enum: ['off', 'warn', 'error'] },
    { type: 'number', enum: [0, 1, 2] },
    { type: 'array', minItems: 1, items: [{ enum: ['off', 'warn', 'error', 0, 1, 2] }] },
  ],
};

export function ruleSettingsSchema(rules) {
  const properties = {};
  for (const [id, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const docs = rule.meta.docs ?? {};
    const preset = docs.recommended ? 'In the recommended preset (`error`).' : 'In the strict preset only: off unless set here or `#loopguard.preset#` is `strict`.';
    properties[id] = { ...ENTRY, markdownDescription: `${docs.description}. ${preset}` };
  }
  return properties;
}

const text = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(text);
const setting = manifest.contributes.configuration.properties['loopguard.rules'];
setting.properties = ruleSettingsSchema(plugin.rules);
setting.additionalProperties = ENTRY;
const updated = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error('package.json: the loopguard.rules setting does not list the current rules: run `npm run docs:rules`.');
    process.exit(1);
  }
  console.log('package.json: the loopguard.rules setting lists every rule.');
} else {
  writeFileSync(manifestPath, updated);
  console.log('package.json: loopguard.rules lists every rule.');
}
