import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { getNodeType, getTypeScript, type TypedServices } from '../core/typeInfo';

/** What a type says about disposal: `Symbol.asyncDispose` and/or `Symbol.dispose`. */
export interface Disposal {
  readonly async: boolean;
  readonly sync: boolean;
  /** The type's name, for messages (`FileHandle`, `Connection`). */
  readonly typeName: string;
}

/**
 * Node's own types that implement disposal but end by themselves or live for the program (timers, streams,
 * servers, child processes, sockets): they are judged by the catalog (by where they come from), not by type.
 * The rest of Node's disposables (file and directory handles) are reported by type too.
 */
const NODE_TYPES_JUDGED_BY_TYPE: ReadonlySet<string> = new Set(['FileHandle', 'Dir']);

/**
 * The disposal the checker sees on the value of `node` (null/undefined removed). Every member of a union must
 * be disposable; null when the type is not disposable, is `any`, or is one of Node's self-ending types.
 */
export function getTypeDisposal(services: TypedServices, node: TSESTree.Node): Disposal | null {
  const type = getNodeType(services, node);
  if (!type) return null;
  const checker = services.program.getTypeChecker();
  const nonNullable = checker.getNonNullableType(type);
  const parts = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  let async = true;
  let sync = true;
  let typeName = '';
  for (const part of parts) {
    const disposal = getPartDisposal(checker, part);
    if (!disposal) return null;
    async &&= disposal.async;
    sync &&= disposal.sync;
    typeName ||= disposal.typeName;
  }
  if (parts.length === 0 || (!async && !sync)) return null;
  return { async, sync, typeName };
}

function getPartDisposal(checker: ts.TypeChecker, type: ts.Type): Disposal | null {
  const tsModule = getTypeScript();
  if (type.flags & (tsModule.TypeFlags.Any | tsModule.TypeFlags.Unknown | tsModule.TypeFlags.Never)) return null;
  let async = false;
  let sync = false;
  let declaredByNode = false;
  for (const property of checker.getPropertiesOfType(checker.getApparentType(type))) {
    const name = String(property.escapedName);
    const isAsync = name.startsWith('__@asyncDispose@');
    const isSync = name.startsWith('__@dispose@');
    if (!isAsync && !isSync) continue;
    async ||= isAsync;
    sync ||= isSync;
    const declarations = property.getDeclarations() ?? [];
    // Declared only by Node's types (a merged `Disposable` interface from TypeScript's lib does not count).
    declaredByNode ||= declarations.length > 0 && declarations.every((declaration) => isNodeDeclarationFile(declaration.getSourceFile().fileName));
  }
  if (!async && !sync) return null;
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const typeName = symbol ? symbol.getName() : checker.typeToString(type);
  if (declaredByNode && !NODE_TYPES_JUDGED_BY_TYPE.has(typeName)) return null;
  return { async, sync, typeName };
}

function isNodeDeclarationFile(fileName: string): boolean {
  return /[\\/]@types[\\/]node[\\/]/.test(fileName);
}
