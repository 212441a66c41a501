import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Variable = TSESLint.Scope.Variable;

/** The variable an identifier refers to, respecting shadowing; null for undeclared (global) names. */
export function findVariableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): Variable | null {
  const scope = sourceCode.getScope(identifier);
  return ASTUtils.findVariable(scope, identifier) ?? null;
}

/**
 * True when `identifier` names a global the program did not declare itself (`setTimeout`, `Promise`,
 * `require`, `process`): there is no variable, or only an implicit one (configured globals, TS lib types).
 */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  return variable === null || variable.defs.length === 0;
}

/** True when the variable is assigned only where it is declared (`const`, or a `let` never written again). */
export function isNeverReassigned(variable: Variable): boolean {
  if (variable.defs.length !== 1) return false;
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}
