// @ts-check
/**
 * The configurations `npm run bench` measures, as flat-config arrays built from their id. Loaded by
 * bench/lib/eslint.config.mjs inside ESLint (and its worker threads), and by the in-process passes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { pluginDist } from './paths.mjs';

const require = createRequire(import.meta.url);

/**
 * @typedef {{ id: string, label: string, typed: boolean, concurrency: number, latencyOnly?: boolean, linter?: 'oxlint',
 *   rules: (plugins: Plugins) => { plugins: Record<string, unknown>, rules: Record<string, unknown> } }} Configuration
 * @typedef {{ loopguard: any }} Plugins
 */

/** @type {Configuration[]} */
export const configurations = [
  { id: 'floor', label: 'floor: @typescript-eslint/parser, no rules', typed: false, concurrency: 1, rules: () => ({ plugins: {}, rules: {} }) },
  { id: 'floor-one-rule', label: 'floor + one rule that listens to nothing (ESLint\'s own cost of enabling any rule)', typed: false, concurrency: 1, rules: () => emptyRule() },
  { id: 'loopguard-recommended', label: 'Loopguard recommended', typed: false, concurrency: 1, rules: ({ loopguard }) => preset(loopguard, 'recommended') },
  { id: 'loopguard-strict', label: 'Loopguard strict', typed: false, concurrency: 1, rules: ({ loopguard }) => preset(loopguard, 'strict') },
  { id: 'loopguard-strict-typed', label: 'Loopguard strict + projectService', typed: true, concurrency: 1, rules: ({ loopguard }) => preset(loopguard, 'strict') },
  { id: 'tseslint-anchor', label: 'typescript-eslint no-floating-promises + no-misused-promises (typed)', typed: true, concurrency: 1, rules: () => typescriptEslintAnchor() },
  { id: 'n-no-sync', label: 'eslint-plugin-n no-sync', typed: false, concurrency: 1, rules: () => nNoSync() },
  {
    // Run by bench/lib/oxlint-run.mjs with test/package/.oxlintrc.json (the same rules), not by ESLint.
    id: 'oxlint-loopguard-strict',
    label: 'oxlint + Loopguard strict (jsPlugins, one thread; oxlint parses)',
    typed: false,
    concurrency: 1,
    linter: 'oxlint',
    rules: ({ loopguard }) => preset(loopguard, 'strict'),
  },
  { id: 'floor-typed', label: 'floor + projectService (typed parse, no rules)', typed: true, concurrency: 1, latencyOnly: true, rules: () => ({ plugins: {}, rules: {} }) },
  {
    id: 'floor-typed-statement-types',
    label: 'typed parse + the type of every expression statement (the least a typed floating-promise check asks)',
    typed: true,
    concurrency: 1,
    latencyOnly: true,
    rules: () => statementTypesProbe(),
  },
  { id: 'floor-c2', label: 'floor, --concurrency 2', typed: false, concurrency: 2, rules: () => ({ plugins: {}, rules: {} }) },
  { id: 'loopguard-strict-c2', label: 'Loopguard strict, --concurrency 2', typed: false, concurrency: 2, rules: ({ loopguard }) => preset(loopguard, 'strict') },
];

/** The configuration with this id, or an error naming the known ids. */
export function configurationById(id) {
  const found = configurations.find((configuration) => configuration.id === id);
  if (!found) throw new Error(`unknown bench configuration "${id}"; known: ${configurations.map((c) => c.id).join(', ')}`);
  return found;
}

/** Loads the built plugin (eslint-plugin/dist), the same package users install. */
export function loadLoopguard() {
  if (!fs.existsSync(pluginDist)) throw new Error(`${pluginDist} is missing: run \`npm run build -w eslint-plugin\` first`);
  return require(pluginDist);
}

/**
 * The whole flat config for a configuration over a corpus root: TypeScript parser everywhere, CommonJS
 * parsing for the packages and extensions that are CommonJS, type information when the configuration
 * needs it, then the configuration's rules.
 * @param {Configuration} configuration
 * @param {string} root corpus folder (holds manifest.json and tsconfig.json)
 */
export function flatConfigFor(configuration, root) {
  const tsParser = require('@typescript-eslint/parser');
  const { plugins, rules } = configuration.rules({ loopguard: configuration.id.startsWith('loopguard') ? loadLoopguard() : null });
  /** @type {Record<string, unknown>} */
  const parserOptions = configuration.typed ? { projectService: true, tsconfigRootDir: root } : {};
  return [
    {
      name: `bench/${configuration.id}/language`,
      files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    { name: `bench/${configuration.id}/commonjs`, files: commonJsGlobs(root), languageOptions: { sourceType: 'commonjs' } },
    { name: `bench/${configuration.id}/rules`, files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], plugins, rules },
  ];
}

/** Globs covering the corpus files that parse as CommonJS, one per package folder and extension. */
export function commonJsGlobs(root) {
  const manifest = readManifest(root);
  const globs = new Set(['**/*.cjs', '**/*.cts']);
  for (const file of manifest.files) {
    if (file.sourceType === 'commonjs') globs.add(`${file.path.split('/')[0]}/**/*${path.extname(file.path)}`);
  }
  return [...globs];
}

/** The manifest written by `npm run bench:corpus` (or the smoke subset). */
export function readManifest(root) {
  return /** @type {{ files: import('./fetch-corpus.mjs').ManifestFile[] }} */ (
    JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'))
  );
}

function preset(loopguard, name) {
  const config = loopguard.configs[name];
  return { plugins: config.plugins, rules: config.rules };
}

function typescriptEslintAnchor() {
  const tseslint = require('typescript-eslint');
  return {
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  };
}

/**
 * One rule whose listeners are empty. ESLint does per-file work for every enabled rule (a rule context
 * whose prototype is a fresh per-file object, which the garbage collector pays for), so this row separates
 * that fixed cost, which every plugin pays, from what the rules themselves cost.
 */
function emptyRule() {
  const rule = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
  return { plugins: { bench: { rules: { empty: rule } } }, rules: { 'bench/empty': 'error' } };
}

/**
 * A probe for the typed editor latency: asks the checker for the type of every expression statement's
 * expression and nothing else. Any rule that finds floating promises by their type has to ask at least
 * this much, so its latency bounds what such a rule can reach after an edit.
 */
function statementTypesProbe() {
  const rule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const services = context.sourceCode.parserServices;
      return {
        ExpressionStatement(node) {
          services.getTypeAtLocation(node.expression);
        },
      };
    },
  };
  return { plugins: { bench: { rules: { 'statement-types': rule } } }, rules: { 'bench/statement-types': 'error' } };
}

/**
 * eslint-plugin-n's `no-sync`, with the parser services hidden: under @typescript-eslint/parser without a
 * program it throws ("parser services are present but incomplete"), although it only needs them for its
 * typed mode. Reports are unchanged: everything else is forwarded to the real context.
 */
function nNoSync() {
  const noSync = require('eslint-plugin-n').rules['no-sync'];
  const wrapped = {
    meta: noSync.meta,
    create(context) {
      const sourceCode = forwardingProxy(context.sourceCode, { parserServices: {} });
      return noSync.create(forwardingProxy(context, { sourceCode }));
    },
  };
  return { plugins: { n: { rules: { 'no-sync': wrapped } } }, rules: { 'n/no-sync': 'error' } };
}

/**
 * An object that answers `overrides` itself and forwards every other property to `target` (methods bound
 * to it). The proxy's own target is a blank object, because the ESLint context is frozen and a proxy of a
 * frozen object may not report different values.
 */
function forwardingProxy(target, overrides) {
  return new Proxy(
    {},
    {
      get(_blank, key) {
        if (Object.hasOwn(overrides, key)) return overrides[key];
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      has(_blank, key) {
        return Object.hasOwn(overrides, key) || Reflect.has(target, key);
      },
    },
  );
}
