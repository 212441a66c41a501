import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';

/** Names of the method that ends an instance's life before the process ends. */
const STOP_METHODS: ReadonlySet<string> = new Set(['stop', 'close', 'dispose', 'destroy', 'shutdown', 'teardown']);

/**
 * The instance methods of a class that stop it (`stop`, `close`, `dispose`, `destroy`, `shutdown`, `teardown`), in
 * source order: a class with one says its instances end before the process does, so what they hold must not outlive them.
 */
export function findStopMethods(classBody: TSESTree.ClassBody): TSESTree.MethodDefinition[] {
  return classBody.body.filter((member): member is TSESTree.MethodDefinition => {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static || member.kind !== 'method') return false;
    const name = getStaticPropertyName(member);
    return name !== null && STOP_METHODS.has(name);
  });
}

/** A stop method's own name (`close`, not `_close`). */
export function isStopMethodName(name: string): boolean {
  return STOP_METHODS.has(name);
}

/** A function named as one that stops an instance: a stop method's name, or a name ending in one (`_close`, `closeSearch` not). */
export function isStopName(name: string): boolean {
  if (STOP_METHODS.has(name)) return true;
  const words = splitIdentifierWords(name);
  return words.length === 1 && STOP_METHODS.has(words[0] as string);
}

/** First words, besides a stop method's own names, of a method that tears down the instance or part of it. */
const PARTIAL_TEARDOWN_WORDS: ReadonlySet<string> = new Set(['disconnect', 'detach', 'unmount', 'unbind', 'unsubscribe', 'abort', 'reset', 'terminate']);

/**
 * A method named as one that tears down the instance or part of it: its first word (leading `_`, `$`, `#` dropped) a
 * stop method's name or `disconnect`, `detach`, `unmount`, `unbind`, `unsubscribe`, `abort`, `reset`, `terminate`
 * (`disconnectRoot`, `_stop`, `resetState`).
 */
export function isTeardownMethodName(name: string): boolean {
  const first = splitIdentifierWords(name.replace(/^[_$#]+/, ''))[0];
  return first !== undefined && (STOP_METHODS.has(first) || PARTIAL_TEARDOWN_WORDS.has(first));
}

/**
 * Names a stop method's first parameter has when the method stops the instance itself (`close(callback)`,
 * `destroy(error)`, `stop(options)`), rather than something handed to it (a pool's `destroy(resource)`).
 */
const STOP_PARAMETER = /^(?:cb|callback|done|next|fn|err|error|reason|code|force|forced|graceful|discard|options|opts|timeout|signal|\w*(?:Callback|Options))$/i;

/** A stop method's function that stops its own instance: no parameter, or a first one named {@link STOP_PARAMETER}. */
export function takesNoSubject(stop: { readonly params: readonly TSESTree.Parameter[] }): boolean {
  const first = stop.params[0];
  if (!first) return true;
  const parameter = first.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  return parameter.type === AST_NODE_TYPES.Identifier && STOP_PARAMETER.test(parameter.name);
}
