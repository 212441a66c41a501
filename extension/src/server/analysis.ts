import type { Diagnostic } from 'vscode-languageserver';

import type { StatusParams } from '../shared/customMessages';
import type { AsyncOutlineResult } from '../shared/outlineMessages';
import type { DocumentRecord } from './diagnostics';

/** What one lint of one document version gives the main thread to publish. */
export interface Analysis {
  diagnostics: Diagnostic[];
  /** Fixes and suggestions of the problems, for the code actions of this version. */
  record?: DocumentRecord;
  status: StatusParams;
  /** The task inspector's outline, built in the same pass (when it was asked for). */
  outline?: AsyncOutlineResult;
  /** The project service does not know the file: later lints of it go without types. */
  notInProject?: boolean;
}
