import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import plugin from '../../eslint-plugin/src/index';
import { rules } from '../../eslint-plugin/src/rules';
import { ruleDocsUrl } from '../../eslint-plugin/src/core/createRule';

const PLUGIN_DIR = path.join(__dirname, '../../eslint-plugin');
const RULES_DIR = path.join(PLUGIN_DIR, 'src/rules');
const DOCS_DIR = path.join(PLUGIN_DIR, 'docs/rules');
const TESTS_DIR = path.join(__dirname, 'rules');

/** The `##` sections every rule page has, in this order. */
export const REQUIRED_SECTIONS = [
  'Rule details',
  'Examples',
  'Type information',
  'Options',
  'Comparison with similar rules',
  'When not to use it',
];

const ruleEntries = Object.entries(rules);

/**
 * Options named as typescript-eslint names them so that configs migrate as they are (issue: "named like
 * typescript-eslint's where the meaning is the same"), even where our own convention is `check*`.
 */
const TYPESCRIPT_ESLINT_OPTION_NAMES: ReadonlySet<string> = new Set(['ignoreIIFE']);

function headings(markdown: string, level: number): string[] {
  const prefix = `${'#'.repeat(level)} `;
  return markdown
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

describe('plugin meta', () => {
  it('has meta with name, version and the loopguard namespace', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.deepEqual(plugin.meta, { name: pkg.name, version: pkg.version, namespace: 'loopguard' });
  });

  it('has one source file per rule, named after the rule, and nothing else', () => {
    const files = fs
      .readdirSync(RULES_DIR)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(files, ruleEntries.map(([id]) => id).sort());
  });

  it('has one test file per rule', () => {
    const files = fs
      .readdirSync(TESTS_DIR)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.test\.ts$/, ''))
      .sort();
    assert.deepEqual(files, ruleEntries.map(([id]) => id).sort());
  });

  it('computes configs.recommended and configs.strict from meta.docs', () => {
    const recommended = ruleEntries.filter(([, rule]) => rule.meta.docs?.recommended === true).map(([id]) => `loopguard/${id}`);
    const strict = ruleEntries
      .filter(([, rule]) => rule.meta.docs?.recommended === true || rule.meta.docs?.strict === true)
      .map(([id]) => `loopguard/${id}`);
    assert.deepEqual(Object.keys(plugin.configs.recommended.rules).sort(), recommended.sort());
    assert.deepEqual(Object.keys(plugin.configs.strict.rules).sort(), strict.sort());
    assert.equal(plugin.configs.recommended.name, 'loopguard/recommended');
    assert.equal(plugin.configs.strict.name, 'loopguard/strict');
    assert.equal(plugin.configs.recommended.plugins.loopguard, plugin);
    assert.ok(strict.length > 0 && recommended.length > 0);
  });
});

for (const [id, rule] of ruleEntries) {
  describe(`rule ${id}`, () => {
    const docsPath = path.join(DOCS_DIR, `${id}.md`);

    it('has meta.docs.url pointing at its page inside the published package of this version', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
      assert.equal(rule.meta.docs?.url, ruleDocsUrl(id));
      assert.equal(ruleDocsUrl(id), `https://unpkg.com/${pkg.name}@${pkg.version}/docs/rules/${id}.md`);
      assert.ok(fs.existsSync(docsPath), `missing ${docsPath}`);
      assert.ok(pkg.files.includes('docs'), 'docs/ is published');
    });

    it('has an imperative description, a type and no required type checking', () => {
      const description = rule.meta.docs?.description ?? '';
      assert.match(description, /^(Disallow|Enforce|Require|Prefer) /);
      assert.ok(['problem', 'suggestion', 'layout'].includes(rule.meta.type));
      assert.notEqual(rule.meta.docs?.requiresTypeChecking, true, 'Loopguard rules must work without types');
      assert.ok(rule.meta.docs?.recommended === true || rule.meta.docs?.strict === true, 'belongs to a preset');
    });

    it('names suggestion messages suggest… and has a default for each option', () => {
      const messages = Object.keys(rule.meta.messages);
      for (const messageId of messages) assert.match(messageId, /^[a-z][a-zA-Z]+$/, `${messageId} is camelCase`);
      if (rule.meta.hasSuggestions) assert.ok(messages.some((messageId) => messageId.startsWith('suggest')));
      const schema = Array.isArray(rule.meta.schema) ? rule.meta.schema[0] : undefined;
      if (schema && typeof schema === 'object' && 'properties' in schema && schema.properties) {
        assert.equal((schema as { additionalProperties?: unknown }).additionalProperties, false);
        const defaults = (rule.meta.defaultOptions?.[0] ?? {}) as Record<string, unknown>;
        for (const [option, definition] of Object.entries(schema.properties as Record<string, { description?: string }>)) {
          assert.ok(definition.description, `option ${option} has a description`);
          assert.ok(option in defaults, `option ${option} has a default in meta.defaultOptions`);
          if (!TYPESCRIPT_ESLINT_OPTION_NAMES.has(option)) assert.doesNotMatch(option, /^(ignore|skip)/, 'boolean options take the positive form');
        }
      }
    });

    it('has a docs page with the required sections and one heading per option', () => {
      const markdown = fs.readFileSync(docsPath, 'utf8');
      assert.equal(markdown.split('\n')[0], `# loopguard/${id}`);
      assert.deepEqual(headings(markdown, 2), REQUIRED_SECTIONS);
      assert.match(markdown, /### ❌ Incorrect/);
      assert.match(markdown, /### ✅ Correct/);
      const schema = Array.isArray(rule.meta.schema) ? rule.meta.schema[0] : undefined;
      const options =
        schema && typeof schema === 'object' && 'properties' in schema && schema.properties ? Object.keys(schema.properties) : [];
      const optionsSection = markdown.split('## Options')[1]?.split('\n## ')[0] ?? '';
      if (options.length === 0) assert.match(optionsSection, /This rule has no options\./);
      for (const option of options) assert.ok(headings(optionsSection, 3).includes(`\`${option}\``) || headings(optionsSection, 3).includes(option), `docs describe option ${option}`);
    });
  });
}
