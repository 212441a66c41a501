import type * as ts from 'typescript';

/** Helpers for reading TypeScript's syntax tree of another file (no type checker): the export tables and call facts share them. */

export function scriptKindOf(typescript: typeof ts, filePath: string): ts.ScriptKind {
  if (filePath.endsWith('.tsx')) return typescript.ScriptKind.TSX;
  if (filePath.endsWith('.jsx')) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(filePath)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

/** `require("./a")`: the specifier, or null. */
export function requiredSpecifier(typescript: typeof ts, node: ts.Node): string | null {
  if (!typescript.isCallExpression(node) || !typescript.isIdentifier(node.expression) || node.expression.text !== 'require') return null;
  const [argument] = node.arguments;
  return node.arguments.length === 1 && argument && typescript.isStringLiteralLike(argument) ? argument.text : null;
}

export function hasModifier(typescript: typeof ts, node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = typescript.canHaveModifiers(node) ? typescript.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/** Strips `(…)`, `x as T`, `x!`, `x satisfies T` and `<T>x`. */
export function skipWrappers(typescript: typeof ts, node: ts.Node): ts.Node {
  let current = node;
  while (
    typescript.isParenthesizedExpression(current) ||
    typescript.isAsExpression(current) ||
    typescript.isNonNullExpression(current) ||
    typescript.isSatisfiesExpression(current) ||
    typescript.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

export function getPropertyNameText(typescript: typeof ts, name: ts.PropertyName): string | null {
  if (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isNumericLiteral(name)) return name.text;
  if (typescript.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (typescript.isComputedPropertyName(name)) {
    const expression = name.expression;
    if (typescript.isStringLiteral(expression) || typescript.isNumericLiteral(expression) || typescript.isNoSubstitutionTemplateLiteral(expression)) {
      return expression.text;
    }
  }
  return null;
}

export function getAccessedName(typescript: typeof ts, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | null {
  if (typescript.isPropertyAccessExpression(node)) return typescript.isIdentifier(node.name) ? node.name.text : null;
  const argument = node.argumentExpression;
  if (typescript.isStringLiteral(argument) || typescript.isNumericLiteral(argument) || typescript.isNoSubstitutionTemplateLiteral(argument)) {
    return argument.text;
  }
  return null;
}

export function isModuleExports(typescript: typeof ts, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const object = skipWrappers(typescript, node.expression);
  return typescript.isIdentifier(object) && object.text === 'module' && getAccessedName(typescript, node) === 'exports';
}
