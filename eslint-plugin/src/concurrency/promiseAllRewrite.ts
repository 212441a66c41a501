import type { TSESTree } from '@typescript-eslint/utils';

import type { AwaitStep } from './awaitDependencies';
import { getEnclosingFunction } from '../core/ast';
import { ASTUtils } from '../core/astUtils';
import { getAwaitedValue, getAwaitKeyword } from '../core/compiledAsync';
import { getScopeOf } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';

export interface Rewrite {
  readonly range: TSESTree.Range;
  readonly text: string;
}

/**
 * One statement that starts every step's operation together and keeps each binding:
 * `const a = await f(); const b: B = await g();` → `const [a, b] = await Promise.all([f(), g()]);`.
 * - declarations keep their kind (`const`/`let`/`var`; all declaring steps must share it) and their patterns
 *   (`{ data }`, `[first]`, defaults);
 * - type annotations become a tuple annotation (`[A, B]`), so either every declaring step is annotated or none is;
 *   a bare `await f();` leaves a hole in the pattern and `unknown` in the tuple;
 * - when no step declares anything, the result is `await Promise.all([f(), g()]);`;
 * - in a compiled `async` function (`core/compiledAsync.ts`) it is `yield Promise.all(…)`, as its steps are `yield`s.
 * Null when that cannot be done faithfully: mixed kinds, some annotated and some not, a comment that would
 * be lost, or `Promise` shadowed.
 */
export function buildPromiseAllRewrite(sourceCode: SourceCode, steps: readonly AwaitStep[]): Rewrite | null {
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last || steps.length < 2) return null;
  if (isPromiseShadowed(sourceCode, first.statement)) return null;
  const declaring = steps.filter((step) => step.declarator !== null);
  const kinds = new Set(declaring.map((step) => (step.statement as TSESTree.VariableDeclaration).kind));
  if (kinds.size > 1) return null;
  const annotated = declaring.filter((step) => getAnnotation(step) !== null);
  if (annotated.length > 0 && annotated.length !== declaring.length) return null;
  if (hasLostComments(sourceCode, steps)) return null;

  const operations = steps.map((step) => sourceCode.getText(getAwaitedValue(step.awaitExpression))).join(', ');
  // in a compiled `async` function the steps wait with `yield`, and so does the rewrite
  const fn = getEnclosingFunction(first.statement);
  const call = `${fn ? getAwaitKeyword(fn) : 'await'} Promise.all([${operations}])`;
  const range: TSESTree.Range = [first.statement.range[0], last.statement.range[1]];
  const semicolon = sourceCode.getText(last.statement).endsWith(';') ? ';' : '';
  if (declaring.length === 0) return { range, text: `${call}${semicolon}` };

  let lastDeclaring = steps.length - 1;
  while (lastDeclaring >= 0 && steps[lastDeclaring]?.declarator === null) lastDeclaring--;
  const kept = steps.slice(0, lastDeclaring + 1);
  const patterns = kept.map((step) => (step.declarator ? getPatternText(sourceCode, step.declarator) : ''));
  const pattern = `[${patterns.join(', ')}]`;
  let typeSuffix = '';
  if (annotated.length > 0) {
    const types = kept.map((step) => {
      const annotation = getAnnotation(step);
      return annotation ? sourceCode.getText(annotation) : 'unknown';
    });
    typeSuffix = `: [${types.join(', ')}]`;
  }
  const kind = [...kinds][0] ?? 'const';
  return { range, text: `${kind} ${pattern}${typeSuffix} = ${call}${semicolon}` };
}

/** A local binding named `Promise` is visible at `node`. */
function isPromiseShadowed(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const variable = ASTUtils.findVariable(getScopeOf(sourceCode, node), 'Promise');
  return variable !== null && variable.defs.length > 0;
}

function getAnnotation(step: AwaitStep): TSESTree.TypeNode | null {
  return step.declarator?.id.typeAnnotation?.typeAnnotation ?? null;
}

/** The declared pattern without its type annotation: `{ a, b }` from `{ a, b }: T`. */
function getPatternText(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): string {
  const id = declarator.id;
  const annotation = id.typeAnnotation;
  if (!annotation) return sourceCode.getText(id);
  return sourceCode.text.slice(id.range[0], annotation.range[0]).trimEnd();
}

/** A comment inside the statements but outside the parts the rewrite keeps (operations and patterns). */
function hasLostComments(sourceCode: SourceCode, steps: readonly AwaitStep[]): boolean {
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) return false;
  const kept: TSESTree.Range[] = [];
  for (const step of steps) {
    kept.push(getAwaitedValue(step.awaitExpression).range);
    if (step.declarator) kept.push(step.declarator.id.range);
  }
  const [start, end] = [first.statement.range[0], last.statement.range[1]];
  return sourceCode
    .getAllComments()
    .some(
      (comment) =>
        comment.range[0] >= start &&
        comment.range[1] <= end &&
        !kept.some((range) => comment.range[0] >= range[0] && comment.range[1] <= range[1]),
    );
}
