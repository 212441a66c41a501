/**
 * TypeScript whose one floating promise only type information finds: what `openStore()` returns is inferred by the
 * checker in another file (no return type is written there, so the syntactic reading of written types cannot
 * follow it).
 */
export const TYPED_ONLY_FILES: Readonly<Record<string, string>> = {
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', types: [] }, include: ['src'] }, null, 2)}\n`,
  'src/store.ts': `export interface Store {\n  save(): Promise<void>;\n}\nexport function openStore() {\n  const store: Store = { save: () => Promise.resolve() };\n  return store;\n}\n`,
  'src/use.ts': `import { openStore } from './store.js';\n\nconst store = openStore();\n\nexport async function persist(): Promise<void> {\n  store.save();\n}\n`,
};

/** The finding type information adds in {@link TYPED_ONLY_FILES}. */
export const TYPED_ONLY_FINDING = 'src/use.ts:6 loopguard/no-floating-promises';
