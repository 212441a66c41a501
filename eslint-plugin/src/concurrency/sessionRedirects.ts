import type { TSESTree } from '@typescript-eslint/utils';

import { contains, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';

/**
 * An Express handler that writes to the request's session (`req.session.state = state`, also through a variable
 * holding it or a part of it) and then redirects (`res.redirect(url)`) without `req.session.save(…)`:
 * express-session saves a changed session only as the response ends, after it has sent the headers, so with a store
 * that saves asynchronously (Redis, a database) the browser can follow the redirect and arrive before the session is
 * written, and that next request reads the old session: the OAuth state or the return address is lost (grant 4.6.0
 * and @feathersjs/authentication-oauth 5.0.0-pre.16 save the session before redirecting).
 *
 * Only for a redirect on a response named as Express names it (`res`, `response`, `resp`), with the session of
 * another value (`req.session`; Koa's `ctx.session` and `ctx.redirect` share one object, and its session is saved
 * before the response is sent), in a file that never saves a session itself, nor sets express-session up without a
 * store (its memory store saves at once). The write is one the code makes before
 * the redirect on its way to it: in the redirect's function or a function around it.
 */
export interface RedirectBeforeSessionSave {
  /** The `res.redirect(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The last write to the session before it. */
  readonly write: TSESTree.AssignmentExpression;
  /** The session, as written (`req.session`). */
  readonly session: string;
}

/** The names Express code gives its response. */
const RESPONSE_NAMES: ReadonlySet<string> = new Set(['res', 'response', 'resp']);

/** The cheap test of a file's text: a redirect, a session, and no save of it. */
export function mayRedirectBeforeSessionSave(text: string): boolean {
  return /\b(?:res|response|resp)\.redirect\(/.test(text) && /\.session\b/.test(text) && !/\bsession\s*\.\s*save\s*\(/.test(text) && !keepsSessionsInMemory(text);
}

/**
 * The file sets express-session up itself without a `store`: the sessions live in its memory store, which saves at
 * once, before any browser can come back (an example server, a test app).
 */
function keepsSessionsInMemory(text: string): boolean {
  return /(?:require\(\s*|from\s+)['"]express-session['"]/.test(text) && !/\bstore\s*[:,}]/.test(text);
}

export function findRedirectBeforeSessionSave(sourceCode: SourceCode, call: TSESTree.CallExpression): RedirectBeforeSessionSave | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'redirect') return null;
  const response = skipExpressionWrappers(callee.object);
  if (response.type !== AST_NODE_TYPES.Identifier || !RESPONSE_NAMES.has(response.name)) return null;
  const handler = parameterOwner(sourceCode, response);
  if (!handler) return null;
  const writes: { write: TSESTree.AssignmentExpression; session: string }[] = [];
  walk(handler, (node) => {
    if (node.range[0] >= call.range[0]) return false;
    if (isFunctionNode(node) && node !== handler && !contains(node, call)) return false;
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.range[1] > call.range[0]) return true;
    const session = sessionWritten(sourceCode, node.left, response.name);
    if (session !== null) writes.push({ write: node, session });
    return true;
  });
  const last = writes.sort((a, b) => a.write.range[0] - b.write.range[0]).pop();
  return last ? { call, write: last.write, session: last.session } : null;
}

/** The function whose parameter `identifier` names, or null for any other variable. */
function parameterOwner(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Node | null {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  return definition?.type === 'Parameter' ? definition.node : null;
}

/**
 * The session a write's target belongs to: `req.session.x`, `req.session[key]`, `req.session.grant.x`, or
 * `session.x` for a variable that holds the session or a part of it (`var session = req.session.grant = …`).
 */
function sessionWritten(sourceCode: SourceCode, target: TSESTree.Node, responseName: string): string | null {
  let node = skipExpressionWrappers(target);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  for (let depth = 0; depth < 6 && node.type === AST_NODE_TYPES.MemberExpression; depth++) {
    const object = skipExpressionWrappers(node.object);
    if (isRequestSession(object, responseName)) return sourceCode.getText(object);
    if (object.type === AST_NODE_TYPES.Identifier) return sessionHeldBy(sourceCode, object, responseName);
    node = object;
  }
  return null;
}

/** `req.session`: the session of a value other than the response, by name. */
function isRequestSession(node: TSESTree.Node, responseName: string): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(node) !== 'session') return false;
  const owner = skipExpressionWrappers(node.object);
  return owner.type === AST_NODE_TYPES.Identifier && owner.name !== responseName;
}

/** For a variable whose one write is `req.session…` (or `x = req.session… = …`): that session. */
function sessionHeldBy(sourceCode: SourceCode, identifier: TSESTree.Identifier, responseName: string): string | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable' || !definition.node.init) return null;
  let value = skipExpressionWrappers(definition.node.init);
  if (value.type === AST_NODE_TYPES.AssignmentExpression) value = skipExpressionWrappers(value.left);
  for (let depth = 0; depth < 4 && value.type === AST_NODE_TYPES.MemberExpression; depth++) {
    if (isRequestSession(value, responseName)) return sourceCode.getText(value);
    value = skipExpressionWrappers(value.object);
  }
  return null;
}
