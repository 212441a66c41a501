import * as path from 'node:path';

import type * as ts from 'typescript';

import { BoundedWalk } from '../core/boundedWalk';
import type { SourceCode } from '../core/ruleContext';
import { findTypeScript } from '../core/typescriptRuntime';
import { type FileReading, readProjectFile } from './projectFiles';
import { resolveSpecifierCached } from './specifierResolutions';
import { hasParseErrors } from './tsSyntax';
import { SYMBOL_ASYNC_DISPOSE, SYMBOL_DISPOSE } from './declaredTypes';
import {
  type DeclarationSyntax,
  type MemberSyntax,
  type ParameterSyntax,
  type ReferenceTarget,
  type SignatureSyntax,
  type TypeRef,
  type TypeSyntax,
  unreadImportTarget,
} from './typeSyntax';

/**
 * How many files one name may be followed through (`a` imports a type from `b`, which re-exports it from
 * `c`…); files that re-export each other end at the cycle.
 */
const IMPORT_LIMITS = { maxDepth: 4, maxSteps: 64 };

/** What a name means where it is used: a type (`x: Service`), or a value (a callee, a component, a superclass). */
export type NameMeaning = 'type' | 'value';

/**
 * The declaration that the export `name` of the module `specifier` (written in `directory`: a relative path or
 * an alias of the project, `projectSpecifiers.ts`) stands for, as written there: interfaces, type aliases,
 * classes, functions and constants, through `export { … } from` and `export * from`. Read with TypeScript's
 * parser, without the checker. Null when the file or the export cannot be read (a package, missing, syntax
 * errors, TypeScript not installed).
 */
export function importedDeclaration(
  sourceCode: SourceCode,
  directory: string,
  specifier: string,
  name: string,
  meaning: NameMeaning,
  walk = new BoundedWalk(IMPORT_LIMITS),
): DeclarationSyntax | null {
  const filePath = resolveSpecifierCached(sourceCode, directory, specifier);
  if (!filePath) return null;
  return walk.enter(`${meaning} ${name} ${filePath}`, null, () => loadFile(sourceCode, filePath)?.exported(sourceCode, name, meaning, walk) ?? null);
}

/**
 * The declarations of a file read from the shared reading of the file (`projectFiles.ts`), where TypeScript is
 * installed. Null for a file with syntax errors.
 */
const IMPORTED_FILE: FileReading<ImportedFile | null> = {
  keepsTree: true,
  read: (content) => {
    const typescript = findTypeScript();
    const sourceFile = content.typeScriptTree();
    return typescript && sourceFile && !hasParseErrors(sourceFile) ? new ImportedFile(typescript, sourceFile, path.dirname(content.filePath)) : null;
  },
};

function loadFile(sourceCode: SourceCode, filePath: string): ImportedFile | null {
  return readProjectFile(sourceCode, filePath, IMPORTED_FILE);
}

type ExportTarget = { readonly local: string } | { readonly specifier: string; readonly name: string };

/** One imported file: its top-level declarations and exports, and the syntax read from them (cached). */
class ImportedFile {
  private readonly declarations = new Map<string, ts.Node[]>();
  private readonly imports = new Map<string, { specifier: string; name: string }>();
  private readonly exports = new Map<string, ExportTarget>();
  private readonly exportAll: string[] = [];
  private readonly syntaxOf: Readonly<Record<NameMeaning, Map<ts.Node, DeclarationSyntax | null>>> = { type: new Map(), value: new Map() };
  private readonly typeSyntaxOf = new Map<ts.Node, TypeSyntax>();

  constructor(
    private readonly typescript: typeof ts,
    sourceFile: ts.SourceFile,
    private readonly directory: string,
  ) {
    for (const statement of sourceFile.statements) this.collect(statement);
  }

  /** The declaration exported as `name`, for the meaning asked. */
  exported(sourceCode: SourceCode, name: string, meaning: NameMeaning, walk: BoundedWalk): DeclarationSyntax | null {
    const target = this.exports.get(name);
    if (target && 'local' in target) return this.resolveLocal(sourceCode, target.local, meaning, walk);
    if (target) return importedDeclaration(sourceCode, this.directory, target.specifier, target.name, meaning, walk);
    if (name === 'default') return null;
    for (const specifier of this.exportAll) {
      const found = importedDeclaration(sourceCode, this.directory, specifier, name, meaning, walk);
      if (found) return found;
    }
    return null;
  }

  private collect(statement: ts.Statement): void {
    const typescript = this.typescript;
    if (typescript.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const specifier = typescript.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      if (!clause || specifier === null) return;
      if (clause.name) this.imports.set(clause.name.text, { specifier, name: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && typescript.isNamedImports(bindings)) {
        for (const element of bindings.elements) this.imports.set(element.name.text, { specifier, name: (element.propertyName ?? element.name).text });
      }
      return;
    }
    if (typescript.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier && typescript.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier !== null) this.exportAll.push(specifier);
        return;
      }
      if (!typescript.isNamedExports(clause)) return;
      for (const element of clause.elements) {
        const local = (element.propertyName ?? element.name).text;
        this.exports.set(element.name.text, specifier === null ? { local } : { specifier, name: local });
      }
      return;
    }
    if (typescript.isExportAssignment(statement)) {
      if (!statement.isExportEquals && typescript.isIdentifier(statement.expression)) this.exports.set('default', { local: statement.expression.text });
      return;
    }
    const exported = hasModifier(typescript, statement, typescript.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(typescript, statement, typescript.SyntaxKind.DefaultKeyword);
    const add = (name: string, node: ts.Node): void => {
      const list = this.declarations.get(name);
      if (list) list.push(node);
      else this.declarations.set(name, [node]);
      if (exported) this.exports.set(isDefault ? 'default' : name, { local: name });
    };
    if (
      typescript.isInterfaceDeclaration(statement) ||
      typescript.isTypeAliasDeclaration(statement) ||
      typescript.isClassDeclaration(statement) ||
      typescript.isFunctionDeclaration(statement)
    ) {
      if (statement.name) add(statement.name.text, statement);
    } else if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (typescript.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
      }
    }
  }

  private resolveLocal(sourceCode: SourceCode, name: string, meaning: NameMeaning, walk: BoundedWalk): DeclarationSyntax | null {
    const nodes = this.declarations.get(name);
    if (nodes) return this.declarationOf(sourceCode, nodes, meaning);
    const imported = this.imports.get(name);
    return imported ? importedDeclaration(sourceCode, this.directory, imported.specifier, imported.name, meaning, walk) : null;
  }

  /** The declaration of a name declared (maybe several times: merged interfaces, overloads) at the top level. */
  private declarationOf(sourceCode: SourceCode, nodes: readonly ts.Node[], meaning: NameMeaning): DeclarationSyntax | null {
    const typescript = this.typescript;
    const first = nodes[0];
    if (!first) return null;
    const cached = this.syntaxOf[meaning].get(first);
    if (cached !== undefined) return cached;
    let syntax: DeclarationSyntax | null = null;
    const interfaces = nodes.filter((node): node is ts.InterfaceDeclaration => typescript.isInterfaceDeclaration(node));
    const aliases = nodes.filter((node): node is ts.TypeAliasDeclaration => typescript.isTypeAliasDeclaration(node));
    const classes = nodes.filter((node): node is ts.ClassDeclaration => typescript.isClassDeclaration(node));
    const functions = nodes.filter((node): node is ts.FunctionDeclaration => typescript.isFunctionDeclaration(node));
    const variables = nodes.filter((node): node is ts.VariableDeclaration => typescript.isVariableDeclaration(node));
    if (classes[0]) {
      syntax = this.classSyntax(sourceCode, classes[0]);
    } else if (meaning === 'type' && interfaces.length > 0) {
      syntax = {
        kind: 'interface',
        name: interfaces[0]?.name.text ?? '',
        key: first,
        members: interfaces.flatMap((node) => node.members.map((member) => this.memberSyntax(sourceCode, member, scopeOf(node, null)))),
        bases: interfaces.flatMap((node) => (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((base) => this.typeRef(sourceCode, base, scopeOf(node, null))))),
      };
    } else if (meaning === 'type' && aliases[0]) {
      syntax = { kind: 'alias', name: aliases[0].name.text, type: this.typeRef(sourceCode, aliases[0].type, scopeOf(aliases[0], null)) };
    } else if (meaning === 'value' && functions.length > 0) {
      const declared = functions.filter((node) => !node.body);
      const signatures = (declared.length > 0 && functions.length > 1 ? declared : functions).map((node) => this.signatureSyntax(sourceCode, node, null));
      syntax = { kind: 'function', name: functions[0]?.name?.text ?? 'default', signatures };
    } else if (meaning === 'value' && variables[0]) {
      const variable = variables[0];
      const initializer = variable.initializer ? skipWrappers(typescript, variable.initializer) : undefined;
      const value = initializer && (typescript.isArrowFunction(initializer) || typescript.isFunctionExpression(initializer)) ? this.signatureSyntax(sourceCode, initializer, null) : null;
      syntax = {
        kind: 'variable',
        name: typescript.isIdentifier(variable.name) ? variable.name.text : '',
        type: variable.type ? this.typeRef(sourceCode, variable.type, null) : null,
        value,
      };
    }
    this.syntaxOf[meaning].set(first, syntax);
    return syntax;
  }

  private classSyntax(sourceCode: SourceCode, node: ts.ClassDeclaration): DeclarationSyntax {
    const typescript = this.typescript;
    const scope = scopeOf(node, null);
    const bases: TypeRef[] = [];
    for (const clause of node.heritageClauses ?? []) {
      if (clause.token !== typescript.SyntaxKind.ExtendsKeyword) continue;
      for (const base of clause.types) bases.push(this.typeRef(sourceCode, base, scope));
    }
    const members = node.members.filter((member) => !hasModifier(typescript, member, typescript.SyntaxKind.StaticKeyword));
    return {
      kind: 'class',
      name: node.name?.text ?? 'default',
      key: node,
      members: [...members.map((member) => this.memberSyntax(sourceCode, member, scope)), ...this.parameterProperties(sourceCode, node, scope)],
      bases,
    };
  }

  /** The fields a constructor declares with its parameters (`constructor(private readonly store: Store)`). */
  private parameterProperties(sourceCode: SourceCode, node: ts.ClassDeclaration, scope: TypeScope | null): MemberSyntax[] {
    const typescript = this.typescript;
    const constructor = node.members.find((member): member is ts.ConstructorDeclaration => typescript.isConstructorDeclaration(member) && member.body !== undefined);
    if (!constructor) return [];
    return constructor.parameters.flatMap((parameter): MemberSyntax[] =>
      typescript.isParameterPropertyDeclaration(parameter, constructor) && typescript.isIdentifier(parameter.name)
        ? [{ kind: 'property', name: parameter.name.text, type: parameter.type ? this.typeRef(sourceCode, parameter.type, scope) : null, value: null }]
        : [],
    );
  }

  private memberSyntax(sourceCode: SourceCode, member: ts.TypeElement | ts.ClassElement, scope: TypeScope | null): MemberSyntax {
    const typescript = this.typescript;
    const name = member.name ? this.memberName(member.name) : null;
    if (typescript.isPropertySignature(member) || typescript.isPropertyDeclaration(member)) {
      const initializer = typescript.isPropertyDeclaration(member) && member.initializer ? skipWrappers(typescript, member.initializer) : undefined;
      const value = initializer && (typescript.isArrowFunction(initializer) || typescript.isFunctionExpression(initializer)) ? this.signatureSyntax(sourceCode, initializer, scope) : null;
      return { kind: 'property', name, type: member.type ? this.typeRef(sourceCode, member.type, scope) : null, value };
    }
    if (typescript.isMethodSignature(member) || typescript.isMethodDeclaration(member)) {
      return { kind: 'method', name, signature: this.signatureSyntax(sourceCode, member, scope) };
    }
    if (typescript.isCallSignatureDeclaration(member)) return { kind: 'call', signature: this.signatureSyntax(sourceCode, member, scope) };
    if (typescript.isIndexSignatureDeclaration(member)) return { kind: 'index', type: this.typeRef(sourceCode, member.type, scopeOf(member, scope)) };
    return { kind: 'property', name: null, type: null, value: null }; // accessors, constructors: nothing we ask about
  }

  private memberName(name: ts.PropertyName): string | null {
    const typescript = this.typescript;
    if (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isNumericLiteral(name)) return name.text;
    if (typescript.isPrivateIdentifier(name)) return name.text;
    if (typescript.isComputedPropertyName(name) && typescript.isPropertyAccessExpression(name.expression)) {
      const access = name.expression;
      if (typescript.isIdentifier(access.expression) && access.expression.text === 'Symbol') {
        if (access.name.text === 'dispose') return SYMBOL_DISPOSE;
        if (access.name.text === 'asyncDispose') return SYMBOL_ASYNC_DISPOSE;
      }
    }
    return null;
  }

  private signatureSyntax(sourceCode: SourceCode, node: ts.SignatureDeclaration, outer: TypeScope | null): SignatureSyntax {
    const typescript = this.typescript;
    const scope = scopeOf(node, outer);
    const parameters: ParameterSyntax[] = [];
    for (const parameter of node.parameters) {
      if (typescript.isIdentifier(parameter.name) && parameter.name.text === 'this') continue;
      parameters.push({ type: parameter.type ? this.typeRef(sourceCode, parameter.type, scope) : null, rest: parameter.dotDotDotToken !== undefined });
    }
    return { parameters, returns: node.type ? this.typeRef(sourceCode, node.type, scope) : null, bodyReturns: this.bodyReturns(node) };
  }

  private bodyReturns(node: ts.SignatureDeclaration): SignatureSyntax['bodyReturns'] {
    const typescript = this.typescript;
    const body = 'body' in node ? (node.body as ts.Node | undefined) : undefined;
    if (!body) return 'any';
    if ('asteriskToken' in node && node.asteriskToken) return 'unknown';
    return hasModifier(typescript, node, typescript.SyntaxKind.AsyncKeyword) ? 'promise' : 'unknown';
  }

  private typeRef(sourceCode: SourceCode, node: ts.TypeNode | ts.ExpressionWithTypeArguments, scope: TypeScope | null): TypeRef {
    return new ImportedTypeRef(this, sourceCode, node, scope);
  }

  /** One level of a written type of this file (see `ImportedTypeRef`). */
  typeSyntax(sourceCode: SourceCode, written: ts.TypeNode | ts.ExpressionWithTypeArguments, scope: TypeScope | null): TypeSyntax {
    const typescript = this.typescript;
    // `(T)` and `readonly T[]` are `T` and `T[]` for every question asked here
    let node = written;
    while (
      typescript.isParenthesizedTypeNode(node) ||
      (typescript.isTypeOperatorNode(node) && node.operator === typescript.SyntaxKind.ReadonlyKeyword)
    ) {
      node = node.type;
    }
    const cached = this.typeSyntaxOf.get(node);
    if (cached) return cached;
    const syntax = this.readType(sourceCode, node, scope);
    this.typeSyntaxOf.set(node, syntax);
    return syntax;
  }

  private readType(sourceCode: SourceCode, node: ts.TypeNode | ts.ExpressionWithTypeArguments, scope: TypeScope | null): TypeSyntax {
    const typescript = this.typescript;
    const { SyntaxKind } = typescript;
    switch (node.kind) {
      case SyntaxKind.VoidKeyword:
        return { form: 'void' };
      case SyntaxKind.AnyKeyword:
      case SyntaxKind.UnknownKeyword:
        return { form: 'any' };
      case SyntaxKind.UndefinedKeyword:
        return { form: 'nullish' };
      default:
        break;
    }
    if (typescript.isLiteralTypeNode(node)) return node.literal.kind === SyntaxKind.NullKeyword ? { form: 'nullish' } : { form: 'other' };
    if (typescript.isUnionTypeNode(node) || typescript.isIntersectionTypeNode(node)) {
      return { form: typescript.isUnionTypeNode(node) ? 'union' : 'intersection', parts: node.types.map((part) => this.typeRef(sourceCode, part, scope)) };
    }
    if (typescript.isFunctionTypeNode(node)) return { form: 'function', signature: this.signatureSyntax(sourceCode, node, scope) };
    if (typescript.isTypeLiteralNode(node)) return { form: 'object', members: node.members.map((member) => this.memberSyntax(sourceCode, member, scope)) };
    if (typescript.isArrayTypeNode(node)) return { form: 'array', element: this.typeRef(sourceCode, node.elementType, scope) };
    if (typescript.isTupleTypeNode(node)) {
      return {
        form: 'tuple',
        elements: node.elements.map((element) => {
          const inner = typescript.isNamedTupleMember(element) ? element.type : element;
          const rest = typescript.isRestTypeNode(inner) || (typescript.isNamedTupleMember(element) && element.dotDotDotToken !== undefined);
          const type = typescript.isRestTypeNode(inner) || typescript.isOptionalTypeNode(inner) ? inner.type : inner;
          return { type: this.typeRef(sourceCode, type, scope), rest };
        }),
      };
    }
    if (typescript.isTypeOperatorNode(node)) return { form: 'other' }; // keyof, unique (readonly is read through)
    if (typescript.isTypeReferenceNode(node) || typescript.isExpressionWithTypeArguments(node)) {
      const nameNode = typescript.isTypeReferenceNode(node) ? node.typeName : node.expression;
      if (!typescript.isIdentifier(nameNode)) return { form: 'unknown' };
      const args = node.typeArguments ?? [];
      return new ImportedReference(
        this,
        sourceCode,
        nameNode,
        scope,
        args.map((arg) => this.typeRef(sourceCode, arg, scope)),
        args.map((arg) => this.literalKeys(arg)),
      );
    }
    if (node.kind >= SyntaxKind.FirstKeyword && node.kind <= SyntaxKind.LastKeyword) return { form: 'other' };
    if (typescript.isTemplateLiteralTypeNode(node)) return { form: 'other' };
    return { form: 'unknown' };
  }

  private literalKeys(node: ts.TypeNode): readonly string[] | null {
    const typescript = this.typescript;
    const parts = typescript.isUnionTypeNode(node) ? node.types : [node];
    const keys: string[] = [];
    for (const part of parts) {
      if (!typescript.isLiteralTypeNode(part) || !typescript.isStringLiteral(part.literal)) return null;
      keys.push(part.literal.text);
    }
    return keys;
  }

  /** A type name inside this file: a type parameter of an enclosing declaration, a top-level declaration, an import. */
  resolveTypeName(sourceCode: SourceCode, name: ts.Identifier, scope: TypeScope | null): ReferenceTarget {
    for (let current = scope; current; current = current.outer) {
      const parameter = current.parameters.find((candidate) => candidate.name.text === name.text);
      // a constraint is read where its parameter is declared (`<T extends U, U>`)
      if (parameter) return { kind: 'declaration', declaration: { kind: 'typeParameter', constraint: parameter.constraint ? this.typeRef(sourceCode, parameter.constraint, current) : null } };
    }
    const nodes = this.declarations.get(name.text);
    if (nodes) {
      const declaration = this.declarationOf(sourceCode, nodes, 'type');
      return declaration ? { kind: 'declaration', declaration } : { kind: 'unknown' };
    }
    const imported = this.imports.get(name.text);
    if (imported) {
      const declaration = importedDeclaration(sourceCode, this.directory, imported.specifier, imported.name, 'type');
      return declaration ? { kind: 'declaration', declaration } : unreadImportTarget(imported.specifier, imported.name);
    }
    return { kind: 'global' };
  }
}

/** A written type of an imported file, read one level when asked (like `localTypeSyntax.ts`'s refs). */
class ImportedTypeRef implements TypeRef {
  constructor(
    private readonly file: ImportedFile,
    private readonly sourceCode: SourceCode,
    private readonly node: ts.TypeNode | ts.ExpressionWithTypeArguments,
    private readonly scope: TypeScope | null,
  ) {}

  read(): TypeSyntax {
    return this.file.typeSyntax(this.sourceCode, this.node, this.scope);
  }
}

/** A type name of an imported file, resolved there when first asked. */
class ImportedReference {
  readonly form = 'reference';
  private resolved: ReferenceTarget | undefined;

  constructor(
    private readonly file: ImportedFile,
    private readonly sourceCode: SourceCode,
    private readonly identifier: ts.Identifier,
    private readonly scope: TypeScope | null,
    readonly args: readonly TypeRef[],
    readonly literalKeys: readonly (readonly string[] | null)[],
  ) {}

  get name(): string {
    return this.identifier.text;
  }

  target(): ReferenceTarget {
    this.resolved ??= this.file.resolveTypeName(this.sourceCode, this.identifier, this.scope);
    return this.resolved;
  }
}

/**
 * The type parameters in scope where a written type sits: those of the declarations around it, innermost first
 * (the tree has no parent links: each reading passes the scope down).
 */
interface TypeScope {
  readonly parameters: readonly ts.TypeParameterDeclaration[];
  readonly outer: TypeScope | null;
}

/** The scope inside `node`: its own type parameters (a class, an interface, an alias, a signature), then `outer`'s. */
function scopeOf(node: ts.Node, outer: TypeScope | null): TypeScope | null {
  const parameters = 'typeParameters' in node ? (node.typeParameters as ts.NodeArray<ts.TypeParameterDeclaration> | undefined) : undefined;
  return parameters && parameters.length > 0 ? { parameters, outer } : outer;
}

function hasModifier(typescript: typeof ts, node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = typescript.canHaveModifiers(node) ? typescript.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

function skipWrappers(typescript: typeof ts, node: ts.Expression): ts.Expression {
  let current = node;
  while (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

