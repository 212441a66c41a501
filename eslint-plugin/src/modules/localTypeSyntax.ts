import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getImplementsClauses, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getFileDirectory } from './crossFile';
import { SYMBOL_ASYNC_DISPOSE, SYMBOL_DISPOSE } from './declaredTypes';
import { importedDeclaration, type NameMeaning } from './importedTypes';
import { type DeclarationSyntax, knownType, type MemberSyntax, type ParameterSyntax, type ReferenceTarget, type SignatureSyntax, type TypeRef, type TypeSyntax, UNKNOWN_TYPE, unreadImportTarget } from './typeSyntax';

/**
 * The written types of the linted file as `typeSyntax.ts` describes them: names resolved through the
 * file's scopes (shadowing respected), relative imports followed into the imported file
 * (`importedTypes.ts`). Syntax objects are cached per node, so the same declaration is the same object
 * (walks recognise cycles by identity).
 */
export function localTypeRef(sourceCode: SourceCode, node: TSESTree.TypeNode): TypeRef {
  return new LocalTypeRef(sourceCode, node);
}

/**
 * A written type of this file, read one level when asked: the parts it names are refs again, so reading
 * never recurses here; the questions asked about types (`promises/declaredTypeReader.ts`) walk them under
 * a `BoundedWalk`.
 */
class LocalTypeRef implements TypeRef {
  constructor(
    private readonly sourceCode: SourceCode,
    private readonly node: TSESTree.TypeNode,
  ) {}

  read(): TypeSyntax {
    return readTypeCached(this.sourceCode, this.node);
  }
}

/** A type name of this file (`Service`, `Base` in `extends Base`), resolved when first asked. */
class LocalReference {
  readonly form = 'reference';
  private resolved: ReferenceTarget | undefined;

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly identifier: TSESTree.Identifier,
    private readonly meaning: NameMeaning,
    readonly args: readonly TypeRef[],
    readonly literalKeys: readonly (readonly string[] | null)[],
  ) {}

  get name(): string {
    return this.identifier.name;
  }

  target(): ReferenceTarget {
    this.resolved ??= resolveName(this.sourceCode, this.identifier, this.meaning);
    return this.resolved;
  }
}

/** What a name means as a type (`Service` in `x: Service`) or as a value (a callee, a component, a superclass). */
export function localDeclarationOf(sourceCode: SourceCode, name: TSESTree.Identifier, meaning: NameMeaning): DeclarationSyntax | null {
  const target = resolveName(sourceCode, name, meaning);
  return target.kind === 'declaration' ? target.declaration : null;
}

/** The instance side of a class of this file (its members and what it extends). */
export function localClassSyntax(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): DeclarationSyntax {
  const cache = classCache(sourceCode);
  let syntax = cache.get(node);
  if (!syntax) {
    syntax = readClass(sourceCode, node);
    cache.set(node, syntax);
  }
  return syntax;
}

/** The signature of a function of this file (its parameters' types, its return type or what its body returns). */
export function localSignature(sourceCode: SourceCode, fn: SignatureNode): SignatureSyntax {
  const parameters: ParameterSyntax[] = [];
  for (const parameter of fn.params) {
    if (parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this') continue;
    const annotated = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    const written = annotated.type === AST_NODE_TYPES.AssignmentPattern ? annotated.left.typeAnnotation : annotated.typeAnnotation;
    parameters.push({ type: written ? localTypeRef(sourceCode, written.typeAnnotation) : null, rest: annotated.type === AST_NODE_TYPES.RestElement });
  }
  return {
    parameters,
    returns: fn.returnType ? localTypeRef(sourceCode, fn.returnType.typeAnnotation) : null,
    bodyReturns: bodyReturns(fn),
  };
}

/** The name of a member as `DeclaredType.member` looks it up: static names, `#private`, `[Symbol.dispose]`. */
export function memberKeyName(member: {
  key: TSESTree.Node;
  computed: boolean;
}): string | null {
  const key = member.key;
  if (member.computed && key.type === AST_NODE_TYPES.MemberExpression && !key.computed && key.object.type === AST_NODE_TYPES.Identifier && key.object.name === 'Symbol' && key.property.type === AST_NODE_TYPES.Identifier) {
    if (key.property.name === 'dispose') return SYMBOL_DISPOSE;
    if (key.property.name === 'asyncDispose') return SYMBOL_ASYNC_DISPOSE;
    return null;
  }
  return getStaticPropertyName(member as TSESTree.Property);
}

type SignatureNode =
  | FunctionNode
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression
  | TSESTree.TSMethodSignature
  | TSESTree.TSFunctionType
  | TSESTree.TSCallSignatureDeclaration;

type Variable = TSESLint.Scope.Variable;

const typeCache = createFileCache<TSESTree.Node, TypeSyntax>();
const classCache = createFileCache<TSESTree.Node, DeclarationSyntax>();
const declarationCaches: Readonly<Record<NameMeaning, ReturnType<typeof createFileCache<TSESTree.Node, DeclarationSyntax | null>>>> = {
  type: createFileCache(),
  value: createFileCache(),
};

function readTypeCached(sourceCode: SourceCode, written: TSESTree.TypeNode): TypeSyntax {
  // `readonly T[]` is `T[]` for every question asked here
  let node = written;
  while (node.type === AST_NODE_TYPES.TSTypeOperator && node.operator === 'readonly' && node.typeAnnotation) node = node.typeAnnotation;
  const cache = typeCache(sourceCode);
  let syntax = cache.get(node);
  if (!syntax) {
    syntax = readType(sourceCode, node);
    cache.set(node, syntax);
  }
  return syntax;
}

function readType(sourceCode: SourceCode, node: TSESTree.TypeNode): TypeSyntax {
  switch (node.type) {
    case AST_NODE_TYPES.TSVoidKeyword:
      return { form: 'void' };
    case AST_NODE_TYPES.TSAnyKeyword:
    case AST_NODE_TYPES.TSUnknownKeyword:
      return { form: 'any' };
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
      return { form: 'nullish' };
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return {
        form: node.type === AST_NODE_TYPES.TSUnionType ? 'union' : 'intersection',
        parts: node.types.map((part) => localTypeRef(sourceCode, part)),
      };
    case AST_NODE_TYPES.TSFunctionType:
      return { form: 'function', signature: localSignature(sourceCode, node) };
    case AST_NODE_TYPES.TSTypeLiteral:
      return { form: 'object', members: node.members.map((member) => readTypeElement(sourceCode, member)) };
    case AST_NODE_TYPES.TSArrayType:
      return { form: 'array', element: localTypeRef(sourceCode, node.elementType) };
    case AST_NODE_TYPES.TSTupleType:
      return { form: 'tuple', elements: node.elementTypes.map((element) => readTupleElement(sourceCode, element)) };
    case AST_NODE_TYPES.TSTypeOperator:
      return { form: 'other' }; // keyof, unique (readonly is read through)
    case AST_NODE_TYPES.TSTypeReference: {
      const args = node.typeArguments?.params ?? [];
      const typeName = node.typeName;
      if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
        // vscode.ExtensionContext, models.Store: a type exported by a module imported as a namespace
        return new NamespaceReference(sourceCode, typeName.left, typeName.right.name, args.map((arg) => localTypeRef(sourceCode, arg)), args.map(literalKeys));
      }
      if (typeName.type !== AST_NODE_TYPES.Identifier) return { form: 'unknown' };
      return new LocalReference(sourceCode, typeName, 'type', args.map((arg) => localTypeRef(sourceCode, arg)), args.map(literalKeys));
    }
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSIndexedAccessType:
    case AST_NODE_TYPES.TSConditionalType:
    case AST_NODE_TYPES.TSMappedType:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSInferType:
    case AST_NODE_TYPES.TSThisType:
    case AST_NODE_TYPES.TSTypePredicate:
      return { form: 'unknown' };
    default:
      return { form: 'other' }; // other keywords, literal and template types, constructor types
  }
}

function readTupleElement(sourceCode: SourceCode, element: TSESTree.TypeNode): { type: TypeRef; rest: boolean } {
  let inner = element;
  let rest = false;
  if (inner.type === AST_NODE_TYPES.TSRestType) {
    rest = true;
    inner = inner.typeAnnotation;
  }
  if (inner.type === AST_NODE_TYPES.TSNamedTupleMember) inner = inner.elementType;
  if (inner.type === AST_NODE_TYPES.TSOptionalType) inner = inner.typeAnnotation;
  return { type: localTypeRef(sourceCode, inner), rest };
}

function literalKeys(node: TSESTree.TypeNode): readonly string[] | null {
  const parts = node.type === AST_NODE_TYPES.TSUnionType ? node.types : [node];
  const keys: string[] = [];
  for (const part of parts) {
    if (part.type !== AST_NODE_TYPES.TSLiteralType || part.literal.type !== AST_NODE_TYPES.Literal || typeof part.literal.value !== 'string') return null;
    keys.push(part.literal.value);
  }
  return keys;
}

function readTypeElement(sourceCode: SourceCode, member: TSESTree.TypeElement): MemberSyntax {
  switch (member.type) {
    case AST_NODE_TYPES.TSPropertySignature:
      return { kind: 'property', name: memberKeyName(member), type: member.typeAnnotation ? localTypeRef(sourceCode, member.typeAnnotation.typeAnnotation) : null, value: null };
    case AST_NODE_TYPES.TSMethodSignature:
      return member.kind === 'method' ? { kind: 'method', name: memberKeyName(member), signature: localSignature(sourceCode, member) } : NOTHING;
    case AST_NODE_TYPES.TSCallSignatureDeclaration:
      return { kind: 'call', signature: localSignature(sourceCode, member) };
    case AST_NODE_TYPES.TSIndexSignature:
      return { kind: 'index', type: member.typeAnnotation ? localTypeRef(sourceCode, member.typeAnnotation.typeAnnotation) : null };
    default:
      return NOTHING;
  }
}

/** A member no question is about (constructors, accessors). */
const NOTHING: MemberSyntax = { kind: 'property', name: null, type: null, value: null };

function readClass(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): DeclarationSyntax {
  const members: MemberSyntax[] = [];
  for (const member of node.body.body) {
    if ('static' in member && member.static) continue;
    if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) && member.kind === 'method') {
      members.push({ kind: 'method', name: memberKeyName(member), signature: localSignature(sourceCode, member.value) });
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      members.push(...parameterProperties(sourceCode, member.value));
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition) {
      const value = member.value ? skipExpressionWrappers(member.value) : null;
      members.push({
        kind: 'property',
        name: memberKeyName(member),
        type: member.typeAnnotation ? localTypeRef(sourceCode, member.typeAnnotation.typeAnnotation) : null,
        value: isFunctionNode(value) ? localSignature(sourceCode, value) : null,
      });
    } else if (member.type === AST_NODE_TYPES.TSIndexSignature) {
      members.push({ kind: 'index', type: member.typeAnnotation ? localTypeRef(sourceCode, member.typeAnnotation.typeAnnotation) : null });
    }
  }
  const bases: TypeRef[] = [];
  if (node.superClass) bases.push(superClassRef(sourceCode, node.superClass));
  return { kind: 'class', name: node.id?.name ?? 'class', key: node, members, bases };
}

/** The fields a constructor declares with its parameters (`constructor(private readonly store: Store)`). */
function parameterProperties(sourceCode: SourceCode, constructor: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression): MemberSyntax[] {
  const properties: MemberSyntax[] = [];
  for (const parameter of constructor.params) {
    if (parameter.type !== AST_NODE_TYPES.TSParameterProperty || parameter.static) continue;
    const binding = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
    if (binding.type !== AST_NODE_TYPES.Identifier) continue;
    const written = binding.typeAnnotation?.typeAnnotation;
    properties.push({ kind: 'property', name: binding.name, type: written ? localTypeRef(sourceCode, written) : null, value: null });
  }
  return properties;
}

/** `extends Base` names a class as a value: its instances are the base type. */
function superClassRef(sourceCode: SourceCode, superClass: TSESTree.Expression): TypeRef {
  const inner = skipExpressionWrappers(superClass);
  return knownType(inner.type === AST_NODE_TYPES.Identifier ? new LocalReference(sourceCode, inner, 'value', [], []) : { form: 'unknown' });
}

function readInterfaces(sourceCode: SourceCode, nodes: readonly TSESTree.TSInterfaceDeclaration[]): DeclarationSyntax {
  return {
    kind: 'interface',
    name: nodes[0]?.id.name ?? 'interface',
    key: nodes[0] ?? {},
    members: nodes.flatMap((node) => node.body.body.map((member) => readTypeElement(sourceCode, member))),
    bases: nodes.flatMap((node) => node.extends.map((heritage) => heritageRef(sourceCode, heritage))),
  };
}

function heritageRef(sourceCode: SourceCode, heritage: TSESTree.TSInterfaceHeritage | TSESTree.TSClassImplements): TypeRef {
  const expression = heritage.expression;
  if (expression.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_TYPE;
  const args = heritage.typeArguments?.params ?? [];
  return knownType(new LocalReference(sourceCode, expression, 'type', args.map((arg) => localTypeRef(sourceCode, arg)), args.map(literalKeys)));
}

/** What a class (`extends`, `implements`) or an interface (`extends`) of this file inherits from, with the name written for each. */
export function localHeritage(
  sourceCode: SourceCode,
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration,
): { readonly name: string; readonly type: TypeRef }[] {
  const heritage: { name: string; type: TypeRef }[] = [];
  const named = (clause: TSESTree.TSClassImplements | TSESTree.TSInterfaceHeritage): void => {
    heritage.push({ name: sourceCode.getText(clause.expression), type: heritageRef(sourceCode, clause) });
  };
  if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
    node.extends.forEach(named);
    return heritage;
  }
  if (node.superClass) heritage.push({ name: sourceCode.getText(node.superClass), type: superClassRef(sourceCode, node.superClass) });
  getImplementsClauses(node).forEach(named);
  return heritage;
}

/** `ns.Name` where `ns` is a namespace import (`import * as vscode from 'vscode'`, `import ns = require('./x')`), resolved when first asked. */
class NamespaceReference {
  readonly form = 'reference';
  private resolved: ReferenceTarget | undefined;

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly namespace: TSESTree.Identifier,
    readonly name: string,
    readonly args: readonly TypeRef[],
    readonly literalKeys: readonly (readonly string[] | null)[],
  ) {}

  target(): ReferenceTarget {
    this.resolved ??= resolveNamespaceMember(this.sourceCode, this.namespace, this.name);
    return this.resolved;
  }
}

function resolveNamespaceMember(sourceCode: SourceCode, namespace: TSESTree.Identifier, name: string): ReferenceTarget {
  const definition = findVariableOf(sourceCode, namespace)?.defs[0];
  if (definition?.type !== 'ImportBinding') return { kind: 'unknown' };
  const node = definition.node;
  let specifier: string | null = null;
  if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier && node.parent.type === AST_NODE_TYPES.ImportDeclaration) specifier = node.parent.source.value;
  else if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration && node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    specifier = node.moduleReference.expression.value;
  }
  const directory = getFileDirectory(sourceCode);
  if (specifier === null || !directory) return { kind: 'unknown' };
  const declaration = importedDeclaration(sourceCode, directory, specifier, name, 'type');
  return declaration ? { kind: 'declaration', declaration } : unreadImportTarget(specifier, name);
}

/** Like `localDeclarationOf`, for a variable already found (a JSX component's name is not an `Identifier`). */
export function localDeclarationOfVariable(sourceCode: SourceCode, variable: Variable, meaning: NameMeaning): DeclarationSyntax | null {
  const target = resolveVariable(sourceCode, variable, meaning);
  return target.kind === 'declaration' ? target.declaration : null;
}

function resolveName(sourceCode: SourceCode, name: TSESTree.Identifier, meaning: NameMeaning): ReferenceTarget {
  const variable = findVariableOf(sourceCode, name);
  return variable ? resolveVariable(sourceCode, variable, meaning) : { kind: 'global' };
}

function resolveVariable(sourceCode: SourceCode, variable: Variable, meaning: NameMeaning): ReferenceTarget {
  if (variable.defs.length === 0) return { kind: 'global' };
  const first = variable.defs[0];
  if (!first) return { kind: 'global' };
  const cache = declarationCaches[meaning](sourceCode);
  const cached = cache.get(first.name);
  if (cached !== undefined) return cached ? { kind: 'declaration', declaration: cached } : unreadTarget(first);
  const declaration = readDeclaration(sourceCode, variable, meaning);
  cache.set(first.name, declaration);
  return declaration ? { kind: 'declaration', declaration } : unreadTarget(first);
}

/** What a name no declaration answers for is: an import from a package, or unknown. */
function unreadTarget(definition: Variable['defs'][number]): ReferenceTarget {
  const binding = definition.type === 'ImportBinding' ? importBinding(definition.node) : null;
  return binding ? unreadImportTarget(binding.specifier, binding.name) : { kind: 'unknown' };
}

function readDeclaration(sourceCode: SourceCode, variable: Variable, meaning: NameMeaning): DeclarationSyntax | null {
  const definitions = variable.defs;
  const first = definitions[0];
  if (!first) return null;
  if (first.type === 'ImportBinding') {
    const directory = getFileDirectory(sourceCode);
    const binding = importBinding(first.node);
    return directory && binding ? importedDeclaration(sourceCode, directory, binding.specifier, binding.name, meaning) : null;
  }
  const classDefinition = definitions.find((definition) => definition.type === 'ClassName');
  if (classDefinition && (classDefinition.node.type === AST_NODE_TYPES.ClassDeclaration || classDefinition.node.type === AST_NODE_TYPES.ClassExpression)) {
    return localClassSyntax(sourceCode, classDefinition.node);
  }
  if (meaning === 'type') {
    const interfaces = definitions.flatMap((definition) => (definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? [definition.node] : []));
    if (interfaces.length > 0) return readInterfaces(sourceCode, interfaces);
    if (first.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return { kind: 'alias', name: first.node.id.name, type: localTypeRef(sourceCode, first.node.typeAnnotation) };
    if (first.node.type === AST_NODE_TYPES.TSTypeParameter) {
      return { kind: 'typeParameter', constraint: first.node.constraint ? localTypeRef(sourceCode, first.node.constraint) : null };
    }
    return null;
  }
  const functions = definitions.flatMap((definition) =>
    definition.type === 'FunctionName' && (definition.node.type === AST_NODE_TYPES.FunctionDeclaration || definition.node.type === AST_NODE_TYPES.TSDeclareFunction) ? [definition.node] : [],
  );
  if (functions.length > 0) {
    const declared = functions.filter((node) => node.type === AST_NODE_TYPES.TSDeclareFunction);
    const signatures = (declared.length > 0 && functions.length > 1 ? declared : functions).map((node) => localSignature(sourceCode, node));
    return { kind: 'function', name: variable.name, signatures };
  }
  if (first.type === 'Parameter' && first.name.type === AST_NODE_TYPES.Identifier && first.name.typeAnnotation) {
    return { kind: 'variable', name: variable.name, type: localTypeRef(sourceCode, first.name.typeAnnotation.typeAnnotation), value: null };
  }
  if (first.type === 'Variable' && definitions.length === 1 && first.node.id.type === AST_NODE_TYPES.Identifier) {
    // A written type holds however often the variable is assigned; its value only while it is never reassigned.
    const annotation = first.node.id.typeAnnotation;
    const init = first.node.init && isNeverReassigned(variable) ? skipExpressionWrappers(first.node.init) : null;
    if (!annotation && !isFunctionNode(init)) return null;
    return {
      kind: 'variable',
      name: variable.name,
      type: annotation ? localTypeRef(sourceCode, annotation.typeAnnotation) : null,
      value: isFunctionNode(init) ? localSignature(sourceCode, init) : null,
    };
  }
  return null;
}

/** The module and export name of an import binding (type-only imports included: they name types). */
function importBinding(node: TSESTree.Node): { specifier: string; name: string } | null {
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const specifier = declaration.source.value;
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { specifier, name: 'default' };
  if (node.type === AST_NODE_TYPES.ImportSpecifier) {
    return { specifier, name: node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value };
  }
  return null;
}

function bodyReturns(fn: SignatureNode): SignatureSyntax['bodyReturns'] {
  if (!isFunctionNode(fn)) return 'any';
  return fn.async && !fn.generator ? 'promise' : 'unknown';
}
