/**
 * The task inspector's request: the async outline of one open document, as the language server
 * computes it from the same analysis (and the same lint pass) as the diagnostics.
 */
import { RequestType } from 'vscode-languageserver-protocol';

import type { OutlineNode, OutlineSummary } from '../../../eslint-plugin/src/outline/types';

export interface AsyncOutlineParams {
  textDocument: { uri: string };
}

/** A Loopguard diagnostic that sits on an outline node. */
export interface OutlineProblem {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  /** The diagnostic's own range (the node's may be larger: a statement, a whole callback). */
  range: OutlineNode['range'];
  docsUrl?: string;
}

export interface InspectorNode extends Omit<OutlineNode, 'children'> {
  problem?: OutlineProblem;
  children: InspectorNode[];
}

export interface AsyncOutlineResult {
  uri: string;
  /** The document version the outline describes. */
  version: number;
  /** Why there is no outline (not a JS/TS file, too large, disabled). */
  emptyReason?: string;
  /**
   * Set when the current text does not parse: why (`Syntax error at line N: …`). The units and summary are
   * then those of the last version that parsed (`staleVersion`), when there was one, else empty.
   */
  stale?: { reason: string; staleVersion?: number };
  summary?: OutlineSummary;
  units: InspectorNode[];
}

export namespace AsyncOutlineRequest {
  export const method = 'loopguard/asyncOutline' as const;
  export const type = new RequestType<AsyncOutlineParams, AsyncOutlineResult, void>(method);
}
