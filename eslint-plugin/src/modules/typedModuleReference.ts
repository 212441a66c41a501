import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { type ModuleReference, GLOBAL_MODULE, normalizeModuleSpecifier } from './moduleBindings';
import { getResolvedSymbol, getTypeScript } from '../core/typeInfo';

/**
 * The module export a name denotes according to the type checker: follows re-exports (`export { readFileSync }
 * from "fs"` in another file), parameters typed `typeof import("fs")`, and globals declared in namespaces
 * (`Deno.readFileSync`). `node` is an identifier or the property of a member access. Null when unknown.
 */
export function resolveModuleReferenceWithTypes(
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Identifier | TSESTree.PrivateIdentifier,
): ModuleReference | null {
  const symbol = getResolvedSymbol(services, node);
  if (!symbol) return null;
  const declaration = symbol.declarations?.[0];
  if (!declaration) return null;
  return describeDeclaration(declaration, symbol.name);
}

function describeDeclaration(declaration: ts.Declaration, name: string): ModuleReference | null {
  const ts = getTypeScript();
  const path = [name];
  for (let current: ts.Node = declaration.parent; current; current = current.parent) {
    if (ts.isModuleDeclaration(current)) {
      if (ts.isStringLiteral(current.name)) {
        const base = normalizeModuleSpecifier(current.name.text);
        return { module: base.module, path: [...base.path, ...path] };
      }
      if (current.flags & ts.NodeFlags.GlobalAugmentation) return { module: GLOBAL_MODULE, path };
      path.unshift(current.name.text);
    } else if (
      ts.isInterfaceDeclaration(current) ||
      ts.isClassDeclaration(current) ||
      ts.isClassExpression(current) ||
      ts.isTypeLiteralNode(current) ||
      ts.isObjectLiteralExpression(current)
    ) {
      // A member of a type, not an export of a module.
      return null;
    } else if (ts.isSourceFile(current)) {
      if (!ts.isExternalModule(current)) return { module: GLOBAL_MODULE, path };
      const packageName = packageNameOfFile(current.fileName);
      return packageName === null ? null : { module: packageName, path };
    }
  }
  return null;
}

/** `/x/node_modules/@types/fs-extra/index.d.ts` → `fs-extra`; `@types/scope__pkg` → `@scope/pkg`. */
function packageNameOfFile(fileName: string): string | null {
  const marker = '/node_modules/';
  const index = fileName.replace(/\\/g, '/').lastIndexOf(marker);
  if (index < 0) return null;
  const parts = fileName.replace(/\\/g, '/').slice(index + marker.length).split('/');
  const [first, second] = parts;
  if (!first) return null;
  if (first === '@types' && second) {
    return second.includes('__') ? `@${second.replace('__', '/')}` : second;
  }
  if (first.startsWith('@') && second) return `${first}/${second}`;
  return first;
}
