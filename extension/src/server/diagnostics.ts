import type { Linter, Rule } from 'eslint';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import { RULE_PREFIX, ruleDocsUrl } from './ruleCatalog';

export const DIAGNOSTIC_SOURCE = 'loopguard';

/** What the code actions need to know about one reported problem. */
export interface RecordedProblem {
  /** Rule id without the prefix. */
  ruleId: string;
  /** 0-based line of the problem's start. */
  line: number;
  fix?: Rule.Fix;
  suggestions: Linter.LintSuggestion[];
}

/** Every problem of one lint of one document version. */
export interface DocumentRecord {
  version: number;
  /** ESLint's offsets are relative to the text without a byte order mark. */
  bomOffset: number;
  problems: Map<string, RecordedProblem>;
}

/**
 * Converts ESLint messages (1-based lines and columns) into LSP diagnostics and records their
 * fixes and suggestions under a key the code action request can recompute.
 */
export function toDiagnostics(messages: readonly Linter.LintMessage[], doc: TextDocument): { diagnostics: Diagnostic[]; record: DocumentRecord } {
  const bomOffset = doc.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0;
  const record: DocumentRecord = { version: doc.version, bomOffset, problems: new Map() };
  const diagnostics: Diagnostic[] = [];
  for (const message of messages) {
    if (message.ruleId === null || !message.ruleId.startsWith(RULE_PREFIX)) continue;
    const ruleId = message.ruleId.slice(RULE_PREFIX.length);
    const range = messageRange(message, doc, bomOffset);
    const diagnostic: Diagnostic = {
      range,
      severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: ruleId,
      message: message.message,
    };
    const href = ruleDocsUrl(ruleId);
    if (href) diagnostic.codeDescription = { href };
    diagnostics.push(diagnostic);
    record.problems.set(problemKey(diagnostic), {
      ruleId,
      line: range.start.line,
      fix: message.fix,
      suggestions: message.suggestions ?? [],
    });
  }
  return { diagnostics, record };
}

/** Range + rule + message: stable for a diagnostic the client sends back in a code action request. */
export function problemKey(diagnostic: Pick<Diagnostic, 'range' | 'code' | 'message'>): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}|${String(diagnostic.code)}|${diagnostic.message}`;
}

function messageRange(message: Linter.LintMessage, doc: TextDocument, bomOffset: number): Range {
  const toPosition = (line: number, column: number) => {
    const zeroLine = Math.max(0, line - 1);
    const character = Math.max(0, column - 1) + (zeroLine === 0 ? bomOffset : 0);
    // Clamp through the document so a position never points past the end of a line.
    return doc.positionAt(doc.offsetAt({ line: zeroLine, character }));
  };
  const start = toPosition(message.line, message.column);
  if (message.endLine === undefined || message.endColumn === undefined) {
    // No end: underline to the end of the line.
    const lineText = doc.getText({ start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } });
    const character = lineText.replace(/\r?\n$/, '').length;
    return { start, end: { line: start.line, character: Math.max(start.character, character) } };
  }
  return { start, end: toPosition(message.endLine, message.endColumn) };
}
