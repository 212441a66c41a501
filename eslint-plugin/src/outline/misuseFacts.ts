import type { TSESLint } from '@typescript-eslint/utils';

import { shortText } from '../core/ast';
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
    case 'timer':
    case 'listener':
    case 'voidParameter':
      return `${name} ignores its promise`;
    case 'executor':
      return 'async Promise executor';
    case 'predicate':
    case 'comparator':
      return `${name} reads its promise as a value`;
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
  }
}

export function misuseLabel(sourceCode: Readonly<TSESLint.SourceCode>, misuse: Misuse): string {
  const text = shortText(sourceCode.getText(misuse.node), 40);
  switch (misuse.kind) {
    case 'conditional':
      return `condition: ${text}`;
    case 'spread':
      return `spread: ${text}`;
    case 'dispose':
      return `using: ${text}`;
    case 'predicate':
    case 'comparator':
      return `misread: ${text}`;
    default:
      return `ignored: ${text}`;
  }
}
