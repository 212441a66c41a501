import type { Rule } from 'eslint';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import { ServerCommands } from '../shared/customMessages';
import { DIAGNOSTIC_SOURCE, problemKey, type DocumentRecord } from './diagnostics';
import { RULE_PREFIX, ruleDocsUrl } from './ruleCatalog';

/**
 * The quick fixes for the loopguard diagnostics of one code action request: per problem its fix
 * (preferred) and suggestions; per rule "fix all", "disable for this line", "disable for the entire
 * file" and "show documentation". Titles follow VS Code's style (see `actionTitle`). Fixes come from the record of the current document version only: when the
 * record is older than the document, only the actions that do not depend on it are offered.
 */
export function quickFixes(doc: TextDocument, diagnostics: readonly Diagnostic[], record: DocumentRecord | undefined): CodeAction[] {
  const fixes: CodeAction[] = [];
  const perRule: CodeAction[] = [];
  const seen = new Set<string>();
  const current = record !== undefined && record.version === doc.version ? record : undefined;

  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const ruleId = diagnostic.code;
    const fullId = RULE_PREFIX + ruleId;
    const problem = current?.problems.get(problemKey(diagnostic));

    if (problem?.fix) {
      fixes.push({
        title: `Fix this ${fullId} problem`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: versionedEdit(doc, [fixToEdit(doc, problem.fix, current!.bomOffset)]),
      });
    }
    for (const suggestion of problem?.suggestions ?? []) {
      fixes.push({
        title: actionTitle(suggestion.desc),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versionedEdit(doc, [fixToEdit(doc, suggestion.fix, current!.bomOffset)]),
      });
    }

    if (current && !seen.has(`fixAll:${ruleId}`) && fixableCount(current, ruleId) > 1) {
      seen.add(`fixAll:${ruleId}`);
      perRule.push({
        title: `Fix all ${fullId} problems in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Fix all ${fullId} problems`, command: ServerCommands.fixAllForRule, arguments: [{ uri: doc.uri, version: doc.version, ruleId }] },
      });
    }
    const line = diagnostic.range.start.line;
    if (!seen.has(`disable:${ruleId}:${line}`)) {
      seen.add(`disable:${ruleId}:${line}`);
      const edit = disableNextLineEdit(doc, line, fullId);
      if (edit) {
        perRule.push({
          title: `Disable ${fullId} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: versionedEdit(doc, [edit]),
        });
      }
    }
    if (!seen.has(`disableFile:${ruleId}`)) {
      seen.add(`disableFile:${ruleId}`);
      const edit = disableFileEdit(doc, fullId);
      if (edit) {
        perRule.push({
          title: `Disable ${fullId} for the entire file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: versionedEdit(doc, [edit]),
        });
      }
    }
    const url = ruleDocsUrl(ruleId);
    if (url && !seen.has(`docs:${ruleId}`)) {
      seen.add(`docs:${ruleId}`);
      perRule.push({
        title: `Show documentation for ${fullId}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${fullId}`, command: ServerCommands.showDocumentation, arguments: [url, { ruleId }] },
      });
    }
  }
  return [...fixes, ...perRule];
}

export function versionedEdit(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
}

export function fixToEdit(doc: TextDocument, fix: Rule.Fix, bomOffset: number): TextEdit {
  return {
    range: { start: doc.positionAt(fix.range[0] + bomOffset), end: doc.positionAt(fix.range[1] + bomOffset) },
    newText: fix.text,
  };
}

function fixableCount(record: DocumentRecord, ruleId: string): number {
  let count = 0;
  for (const problem of record.problems.values()) if (problem.ruleId === ruleId && problem.fix) count++;
  return count;
}

const DISABLE_NEXT_LINE = /^(\s*)\/\/\s*eslint-disable-next-line(?:\s+([^\r\n]*?))?(\s+--[^\r\n]*)?\s*$/;

/**
 * An `// eslint-disable-next-line loopguard/<rule>` comment above `line` (ESLint and CI honour it),
 * or the rule appended to an existing such comment. Undefined when the comment already lists it.
 */
export function disableNextLineEdit(doc: TextDocument, line: number, fullRuleId: string): TextEdit | undefined {
  const lineText = lineAt(doc, line);
  if (line > 0) {
    const previous = lineAt(doc, line - 1);
    const match = DISABLE_NEXT_LINE.exec(previous);
    if (match && match[2]) {
      const listed = match[2].split(',').map((rule) => rule.trim());
      if (listed.includes(fullRuleId)) return undefined;
      const end = match[3] ? previous.length - match[3].length : previous.trimEnd().length;
      return { range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } }, newText: `, ${fullRuleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// eslint-disable-next-line ${fullRuleId}${eol}` };
}

const DISABLE_FILE = /^(\s*)\/\*\s*eslint-disable(?:\s+([^*]*?))?(\s+--(?:[^*]|\*(?!\/))*)?\s*\*\/\s*$/;

/**
 * A `/* eslint-disable loopguard/<rule> *\/` comment at the top of the file (below a `#!` line), or the
 * rule appended to such a comment already there. Undefined when that comment already turns the rule
 * (or every rule) off.
 */
export function disableFileEdit(doc: TextDocument, fullRuleId: string): TextEdit | undefined {
  const line = lineAt(doc, 0).startsWith('#!') ? 1 : 0;
  const text = line < doc.lineCount ? lineAt(doc, line) : '';
  const match = DISABLE_FILE.exec(text);
  if (match) {
    if (!match[2]) return undefined; // `/* eslint-disable */`: every rule is off already
    const listed = match[2].split(',').map((rule) => rule.trim());
    if (listed.includes(fullRuleId)) return undefined;
    const end = (match[1] ?? '').length + text.slice((match[1] ?? '').length).indexOf(match[2]) + match[2].length;
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `, ${fullRuleId}` };
  }
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `/* eslint-disable ${fullRuleId} */${eol}` };
}

/**
 * A rule's suggestion text as a code action title in VS Code's style: code in single quotes instead of
 * Markdown backticks (left bare when it contains a quote itself), no closing period.
 */
export function actionTitle(description: string): string {
  return description
    .replace(/`([^`]*)`/g, (_, code: string) => (code.includes("'") ? code : `'${code}'`))
    .replace(/\.\s*$/, '')
    .trim();
}

function lineAt(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
