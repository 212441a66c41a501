import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isThisAlias, receiverKey } from '../core/thisBinding';

/**
 * A component's listener taken from `this.props` where it is added and read from `this.props` again where it is taken
 * off: `player.addEventListener('play', this.props.onPlay)` in one method and `player.removeEventListener('play',
 * this.props.onPlay)` in another. A parent that renders again passes new functions, so the removal takes off a function
 * that was never added and the first listener stays, running the old handler on every later event (react-player 1.12's
 * file player and 1.15.2's Wistia player; both then added and removed stable methods of the instance).
 */
export interface PropListenerRemoval {
  /** The removal (`player.removeEventListener('play', onPlay)`). */
  readonly removal: TSESTree.CallExpression;
  /** The add of the same prop, for the same event and emitter, in another function. */
  readonly add: TSESTree.CallExpression;
  /** The prop (`onPlay`). */
  readonly prop: string;
  readonly event: string;
}

const ADD_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'addListener', 'on', 'bind']);
const REMOVE_METHODS: ReadonlySet<string> = new Set(['removeEventListener', 'removeListener', 'off', 'unbind', 'un']);
/** The removals that undo each add. */
const REMOVALS_OF: Readonly<Record<string, readonly string[]>> = { addEventListener: ['removeEventListener'], bind: ['unbind'], on: ['off', 'removeListener', 'un'], addListener: ['off', 'removeListener'] };

/** The cheap test of a file's text: props read and listeners taken off. */
export function mayRemovePropListeners(text: string): boolean {
  return text.includes('.props') && /\.(?:removeEventListener|removeListener|off|unbind|un)\(/.test(text);
}

/** `this.props`, or `self.props` with `self` an alias of `this`. */
function isThisProps(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(node) !== 'props') return false;
  const owner = skipExpressionWrappers(node.object);
  return owner.type === AST_NODE_TYPES.ThisExpression || (owner.type === AST_NODE_TYPES.Identifier && isThisAlias(sourceCode, owner));
}

/**
 * The prop a listener argument reads from `this.props` as the code runs: `this.props.onPlay`, `onPlay` declared from
 * `const { onPlay } = this.props`, or Babel's `var _this$props = this.props, onPlay = _this$props.onPlay`.
 */
export function propRead(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.MemberExpression) return isThisProps(sourceCode, node.object) ? getStaticPropertyName(node) : null;
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariableOf(sourceCode, node)?.defs[0];
  if (definition?.type !== 'Variable') return null;
  const declarator = definition.node;
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    if (!declarator.init || !isThisProps(sourceCode, declarator.init)) return null;
    const property = declarator.id.properties.find((p) => p.type === AST_NODE_TYPES.Property && p.value === definition.name);
    return property?.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
  }
  const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  if (init?.type !== AST_NODE_TYPES.MemberExpression) return null;
  const holder = skipExpressionWrappers(init.object);
  if (isThisProps(sourceCode, holder)) return getStaticPropertyName(init);
  if (holder.type !== AST_NODE_TYPES.Identifier) return null;
  const holderDefinition = findVariableOf(sourceCode, holder)?.defs[0];
  return holderDefinition?.type === 'Variable' && holderDefinition.node.init && isThisProps(sourceCode, holderDefinition.node.init) ? getStaticPropertyName(init) : null;
}

/**
 * For a removal (`removeEventListener`, `removeListener`, `off`, `unbind`, `un`) of a listener read from `this.props`
 * for a named event: the add of the same prop for that event on the same emitter (`player`, `this.player`) in another
 * function of the file, where the prop was read when the add ran. Not on a ref's element (`this.containerRef.current`),
 * which is the component's own and goes away with it (matrix-react-sdk's scroll container).
 */
export function findPropListenerRemoval(sourceCode: SourceCode, removal: TSESTree.CallExpression): PropListenerRemoval | null {
  const member = getCalleeMember(removal);
  const verb = member ? getStaticPropertyName(member) : null;
  if (!member || verb === null || !REMOVE_METHODS.has(verb) || removal.arguments.length < 2) return null;
  const event = getStaticString(removal.arguments[0] as TSESTree.Node);
  const prop = propRead(sourceCode, removal.arguments[1] as TSESTree.Node);
  const emitter = receiverKey(sourceCode, member.object);
  const where = getEnclosingFunction(removal);
  // a ref's element (`this.containerRef.current`) is the component's own: it goes away with the component
  if (event === null || prop === null || emitter === null || !where || emitter.endsWith('.current')) return null;
  let add: TSESTree.CallExpression | null = null;
  walk(sourceCode.ast, (node) => {
    if (add || node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length < 2) return !add;
    const addMember = getCalleeMember(node);
    const addVerb = addMember ? getStaticPropertyName(addMember) : null;
    if (!addMember || addVerb === null || !ADD_METHODS.has(addVerb) || !REMOVALS_OF[addVerb]?.includes(verb)) return true;
    if (getStaticString(node.arguments[0] as TSESTree.Node) !== event || receiverKey(sourceCode, addMember.object) !== emitter) return true;
    if (propRead(sourceCode, node.arguments[1] as TSESTree.Node) !== prop || getEnclosingFunction(node) === where) return true;
    add = node;
    return false;
  });
  return add ? { removal, add, prop, event } : null;
}
