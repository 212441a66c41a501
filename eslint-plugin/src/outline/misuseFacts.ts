import type { TSESLint } from '@typescript-eslint/utils';

import { codeLabel, MAX_LABEL_LENGTH } from './labels';
import type { Misuse } from '../promises/misuses';

/**
 * How the task inspector shows a finding of `no-misused-async-callback`: on the async unit whose promise
 * is lost (its description says why), or as a node of its own (`label`) for a name, a spread, a condition.
 */
export function describeMisuse(misuse: Misuse): string {
  const name = misuse.data.name ?? '';
  switch (misuse.kind) {
    case 'forEach':
      return 'forEach ignores its promise';
    case 'unwaitedForEach':
      return `forEach: ${misuse.data.owner ?? 'the function'} does not wait for it`;
    case 'timer':
      return 'the timer ignores its promise';
    case 'listener':
      return 'the emitter ignores its promise';
    case 'voidParameter':
      return `${name} ignores its promise`;
    case 'executor':
      return 'async Promise executor';
    case 'predicate':
      return 'a promise is always truthy';
    case 'comparator':
      return 'a promise is not a number';
    case 'hook':
      return `the hook's ${name} does not wait for its promise`;
    case 'variable':
    case 'property':
    case 'attribute':
      return `${name} is declared to return void`;
    case 'element':
      return 'an element declared to return void';
    case 'return':
      return `${name} is declared to return a void function`;
    case 'inherited':
      return `${misuse.data.base ?? ''} declares ${name} to return void`;
    case 'spread':
      return 'spreads a promise';
    case 'dispose':
      return 'async [Symbol.dispose] under using';
    case 'conditional':
      return 'a promise used as a condition: always truthy';
    case 'middleware':
      return `${name} ignores its promise`;
    case 'exitWork':
      return "started in an 'exit' listener: never finishes";
  }
}

/** A misused node's row label: what happens to the promise, and the code (cut to the side bar's width). */
export function misuseLabel(sourceCode: Readonly<TSESLint.SourceCode>, misuse: Misuse): string {
  const prefix = `${LABEL_PREFIXES[misuse.kind] ?? 'ignored'}: `;
  return `${prefix}${codeLabel(sourceCode, misuse.node, MAX_LABEL_LENGTH - prefix.length)}`;
}

const LABEL_PREFIXES: Partial<Record<Misuse['kind'], string>> = {
  conditional: 'condition',
  spread: 'spread',
  dispose: 'using',
  predicate: 'misread',
  comparator: 'misread',
  exitWork: 'cut by exit',
};
