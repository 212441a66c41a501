import { type BlockingCatalogEntry, BLOCKING_CATALOG } from './blockingCatalog';
import { normalizeModuleSpecifier } from '../modules/moduleBindings';

export interface BlockingCatalogExtension {
  readonly module: string;
  /** Path inside the module before the names (`["glob"]` for `glob.sync` of `import { glob } from "glob"`). */
  readonly namespace?: readonly string[];
  readonly names: readonly string[];
}

export interface BlockingOptions {
  /** Extra blocking calls: `{ module: "better-sqlite3", names: ["exec"] }`. */
  readonly blockingCalls: readonly BlockingCatalogExtension[];
  /** Names to never report: an export name (`readFileSync`) or `module.name` (`fs.readFileSync`). */
  readonly allow: readonly string[];
  /** Report `require()` of a module inside async code (synchronous loading). */
  readonly checkRequire: boolean;
}

/**
 * The catalog as a set of options makes it (the built-in entries plus the configured ones), with what the
 * analysis looks names up in. A rule gets the same options object for every file, so this is built once
 * per options object, not once per file.
 */
export class BlockingCatalogIndex {
  readonly catalog: readonly BlockingCatalogEntry[];
  readonly allowed: ReadonlySet<string>;
  /** Matches any catalog name, or any word ending with a catalog suffix (`existsSync`), in a file's text. */
  readonly candidatePattern: RegExp;
  private readonly candidateNames = new Set<string>();
  private readonly candidateSuffixes: string[] = [];

  private constructor(options: BlockingOptions) {
    this.catalog = [...BLOCKING_CATALOG, ...options.blockingCalls.map(toCatalogEntry)];
    for (const entry of this.catalog) {
      for (const name of entry.names ?? []) this.candidateNames.add(name);
      if (entry.suffix && !this.candidateSuffixes.includes(entry.suffix)) this.candidateSuffixes.push(entry.suffix);
    }
    this.allowed = new Set(options.allow);
    this.candidatePattern = this.buildCandidatePattern();
  }

  private static readonly byOptions = new WeakMap<BlockingOptions, BlockingCatalogIndex>();

  static for(options: BlockingOptions): BlockingCatalogIndex {
    let index = BlockingCatalogIndex.byOptions.get(options);
    if (!index) {
      index = new BlockingCatalogIndex(options);
      BlockingCatalogIndex.byOptions.set(options, index);
    }
    return index;
  }

  /** A catalog name, or a name ending with a catalog suffix. */
  isCandidateName(name: string): boolean {
    return this.candidateNames.has(name) || this.hasCandidateSuffix(name);
  }

  private hasCandidateSuffix(name: string): boolean {
    for (const suffix of this.candidateSuffixes) if (name.endsWith(suffix)) return true;
    return false;
  }

  private buildCandidatePattern(): RegExp {
    const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A name that ends with a suffix is matched by the suffix's own alternative (`execSync` by `Sync\b`):
    // leaving it out gives the same answers with far fewer alternatives to try at each position of the text.
    const names = [...this.candidateNames].filter((name) => !this.hasCandidateSuffix(name));
    const alternatives = [...names.map((name) => `\\b${escape(name)}\\b`), ...this.candidateSuffixes.map((suffix) => `${escape(suffix)}\\b`)];
    return new RegExp(alternatives.join('|'));
  }
}

function toCatalogEntry(extension: BlockingCatalogExtension): BlockingCatalogEntry {
  const normalized = normalizeModuleSpecifier(extension.module);
  return {
    module: normalized.module,
    namespace: [...normalized.path, ...(extension.namespace ?? [])],
    names: extension.names,
    cost: 'io',
  };
}
