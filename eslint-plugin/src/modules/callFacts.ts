import { type ImportRef, detachedCopy } from './exportTable';

/**
 * What the functions of one file call synchronously when they run, as far as its syntax says: the facts that let
 * an analysis follow a call into another file of the project and on (`hash()` in `./crypto` calls
 * `crypto.pbkdf2Sync`). Read by `tsCallFacts.ts` (TypeScript's tree) or `estreeCallFacts.ts` (an ESTree); both
 * describe each function with a {@link FunctionSummary}, and {@link buildCallFacts} turns those into this table.
 */
export interface CallFacts {
  /** Export name → the key of the function it is (in `functions`). */
  readonly exports: ReadonlyMap<string, string>;
  readonly functions: ReadonlyMap<string, FunctionCalls>;
  readonly reexportAll: readonly string[];
  readonly reexportNamed: ReadonlyMap<string, ImportRef>;
  /** Export name → a class of the file: the class itself (`export class Store`) or one instance (`export const store = new Store()`). */
  readonly members: ReadonlyMap<string, ExportedClass>;
  /**
   * `Store#load` (an instance method) or `Store.open` (a static one) → the key of the function that runs (in
   * `functions`): the class's own method, or the one it inherits from a class of the same file.
   */
  readonly methods: ReadonlyMap<string, string>;
}

export interface ExportedClass {
  readonly className: string;
  /** The export is an instance of the class (its instance methods), not the class (its static methods). */
  readonly instance: boolean;
}

/** The key under which `methods` lists a method: `Store#load` for instances, `Store.open` for the class. */
export function methodKey(className: string, method: string, instance: boolean): string {
  return `${className}${instance ? '#' : '.'}${method}`;
}

/** The calls of one function, resolved against the file's top-level names. */
export interface FunctionCalls {
  /** How a person names it in a chain (`hash()`). */
  readonly name: string;
  /** Async functions and generators are not followed: their bodies are async code of their own. */
  readonly followed: boolean;
  /** Top-level functions of the same file it calls (their keys). */
  readonly local: readonly string[];
  /** Exports of other modules it calls: the module as written, the export (`default` for the whole module) and the rest of the member path. */
  readonly imported: readonly ModuleCall[];
  /** Globals it calls: `Atomics.wait` → `["Atomics", "wait"]`. */
  readonly globals: readonly (readonly string[])[];
}

export interface ModuleCall {
  readonly specifier: string;
  readonly name: string;
  readonly path: readonly string[];
}

/** A call as written: a name and the member path after it (`fs.promises.readFile` → `fs` + `["promises", "readFile"]`), or `require("x").y`. */
export type CallPath =
  | { readonly kind: 'name'; readonly root: string; readonly path: readonly string[] }
  | { readonly kind: 'require'; readonly specifier: string; readonly path: readonly string[] };

/** What one reading says about one function: how it runs, what it calls, and the names it declares (which hide top-level ones). */
export interface FunctionSummary {
  readonly async: boolean;
  readonly generator: boolean;
  readonly calls: readonly CallPath[];
  readonly declared: ReadonlySet<string>;
}

/** A top-level class: its methods (functions in class fields included) and the class of the file it extends. */
export interface ClassSummary {
  readonly base: string | null;
  readonly methods: ReadonlyMap<string, FunctionSummary>;
  readonly statics: ReadonlyMap<string, FunctionSummary>;
}

/** What one reading says about a file's top level. */
export interface TopLevelSummary {
  /** Local name → the export of another module it is bound to (imports and `require`s; a namespace is `default`). */
  readonly imports: ReadonlyMap<string, ImportRef>;
  /** Top-level function names → their summaries. */
  readonly functions: ReadonlyMap<string, FunctionSummary>;
  /** Export name → a top-level function's name, or the summary of a function written in the export itself. */
  readonly exports: ReadonlyMap<string, string | FunctionSummary>;
  readonly reexportAll: readonly string[];
  readonly reexportNamed: ReadonlyMap<string, ImportRef>;
  /** Top-level classes by name. */
  readonly classes: ReadonlyMap<string, ClassSummary>;
  /** Top-level names bound to an instance of a class (`const store = new Store()`) → the class's name. */
  readonly instances: ReadonlyMap<string, string>;
  /** Export name → the class of an instance exported as a value (`module.exports = new Store()`, `export default new Store()`). */
  readonly exportedInstances: ReadonlyMap<string, string>;
}

/** The most calls remembered per function (the rest are not followed). */
const MAX_CALLS_PER_FUNCTION = 200;

/** Resolves each function's calls against the top-level names: the table other files' analyses follow. */
export function buildCallFacts(summary: TopLevelSummary): CallFacts {
  const functions = new Map<string, FunctionCalls>();
  const exports = new Map<string, string>();
  const methods = methodTable(summary.classes);
  for (const [name, fn] of summary.functions) functions.set(detachedCopy(name), resolveCalls(summary, name, fn, null, methods));
  for (const [className, cls] of summary.classes) {
    for (const instance of [true, false]) {
      for (const [method, fn] of instance ? cls.methods : cls.statics) {
        functions.set(detachedCopy(methodKey(className, method, instance)), resolveCalls(summary, method, fn, { className, instance }, methods));
      }
    }
  }
  const members = new Map<string, ExportedClass>();
  for (const [exported, className] of summary.exportedInstances) {
    if (summary.classes.has(className)) members.set(detachedCopy(exported), { className: detachedCopy(className), instance: true });
  }
  const reexportNamed = new Map<string, ImportRef>();
  for (const [exported, target] of summary.exports) {
    if (typeof target === 'string') {
      const instanceOf = summary.instances.get(target);
      if (summary.classes.has(target)) members.set(detachedCopy(exported), { className: detachedCopy(target), instance: false });
      else if (instanceOf !== undefined && summary.classes.has(instanceOf)) members.set(detachedCopy(exported), { className: detachedCopy(instanceOf), instance: true });
      else if (summary.functions.has(target)) exports.set(detachedCopy(exported), detachedCopy(target));
      else {
        // `import { hash } from './hash'; export { hash }`, `const { hash } = require('./hash'); module.exports = { hash }`:
        // an index that passes an import on is a re-export of it
        const imported = summary.imports.get(target);
        if (imported) reexportNamed.set(detachedCopy(exported), { specifier: detachedCopy(imported.specifier), name: detachedCopy(imported.name) });
      }
      continue;
    }
    // a function written in the export itself (`exports.hash = function () { … }`): a key no top-level name has
    const key = detachedCopy(`export:${exported}`);
    functions.set(key, resolveCalls(summary, exported, target, null, methods));
    exports.set(detachedCopy(exported), key);
  }
  for (const [name, ref] of summary.reexportNamed) reexportNamed.set(detachedCopy(name), { specifier: detachedCopy(ref.specifier), name: detachedCopy(ref.name) });
  return { exports, functions, reexportAll: summary.reexportAll.map(detachedCopy), reexportNamed, members, methods };
}

/** How many classes of one file a method is looked up through (`C extends B extends A`). */
const MAX_LOCAL_BASES = 8;

/** Every method a class has, own or inherited from a class of the file, to the key of the function that runs. */
function methodTable(classes: ReadonlyMap<string, ClassSummary>): Map<string, string> {
  const methods = new Map<string, string>();
  for (const className of classes.keys()) {
    for (const instance of [true, false]) {
      let current: string | null = className;
      for (let step = 0; current !== null && step < MAX_LOCAL_BASES; step++) {
        const cls = classes.get(current);
        if (!cls) break;
        for (const method of (instance ? cls.methods : cls.statics).keys()) {
          const key = detachedCopy(methodKey(className, method, instance));
          if (!methods.has(key)) methods.set(key, detachedCopy(methodKey(current, method, instance)));
        }
        current = cls.base;
      }
    }
  }
  return methods;
}

/** The class whose method is being resolved, and whether `this` is an instance (or, in a static method, the class). */
interface ThisClass {
  readonly className: string;
  readonly instance: boolean;
}

function resolveCalls(summary: TopLevelSummary, name: string, fn: FunctionSummary, thisClass: ThisClass | null, methods: ReadonlyMap<string, string>): FunctionCalls {
  const local = new Set<string>();
  const imported = new Map<string, ModuleCall>();
  const globals = new Map<string, string[]>();
  for (const call of fn.calls.slice(0, MAX_CALLS_PER_FUNCTION)) {
    if (call.kind === 'require') {
      const [first, ...rest] = call.path;
      if (first !== undefined) addImported(imported, { specifier: call.specifier, name: 'default', path: [first, ...rest] });
      continue;
    }
    if (call.root === 'this') {
      // `this.derive()` in a method: a method of the class (or of a class of the file it extends)
      const [method] = call.path;
      const key = thisClass && method !== undefined && call.path.length === 1 ? methods.get(methodKey(thisClass.className, method, thisClass.instance)) : undefined;
      if (key !== undefined) local.add(key);
      continue;
    }
    if (fn.declared.has(call.root)) continue; // a parameter or local of the function hides the top-level name
    const binding = summary.imports.get(call.root);
    if (binding) {
      addImported(imported, { specifier: binding.specifier, name: binding.name, path: call.path });
    } else if (summary.functions.has(call.root)) {
      if (call.path.length === 0) local.add(detachedCopy(call.root));
    } else if (call.path.length > 0) {
      const path = [call.root, ...call.path].map(detachedCopy);
      globals.set(path.join('.'), path);
    }
  }
  return {
    name: `${detachedCopy(name)}()`,
    followed: !fn.async && !fn.generator,
    local: [...local],
    imported: [...imported.values()],
    globals: [...globals.values()],
  };
}

function addImported(into: Map<string, ModuleCall>, call: ModuleCall): void {
  const detached = { specifier: detachedCopy(call.specifier), name: detachedCopy(call.name), path: call.path.map(detachedCopy) };
  into.set(`${detached.specifier}\0${detached.name}\0${detached.path.join('.')}`, detached);
}

/** The facts of a file that defines or exports no function. */
export const NO_CALL_FACTS: CallFacts = { exports: new Map(), functions: new Map(), reexportAll: [], reexportNamed: new Map(), members: new Map(), methods: new Map() };
