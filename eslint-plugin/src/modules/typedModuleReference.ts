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

/**
 * The class or interface member a property access lands on according to the type checker, as a path in the
 * module that declares the type: `worker.terminate` → `{ module: 'worker_threads', path: ['Worker', 'terminate'] }`
 * (the type declared in `declare module "worker_threads"` or in a package's declarations). Null when unknown.
 */
export function resolveMemberReferenceWithTypes(services: ParserServicesWithTypeInformation, property: TSESTree.Identifier): ModuleReference | null {
  const declaration = getResolvedSymbol(services, property)?.declarations?.[0];
  const owner = declaration?.parent;
  const ts = getTypeScript();
  if (!owner || !(ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name) return null;
  const ownerReference = describeDeclaration(owner, owner.name.text);
  return ownerReference === null ? null : { module: ownerReference.module, path: [...ownerReference.path, property.name] };
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
