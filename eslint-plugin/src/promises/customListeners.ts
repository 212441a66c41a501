import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getResolvedSymbol, getTypedServices } from '../core/typeInfo';
import { resolveLocalCallables } from '../modules/localFunctions';

/**
 * A listener registration whose `on`/`once`/`addListener` is the project's own method, not Node's
 * `EventEmitter` or the DOM's `EventTarget`: what it does with a listener's promise is up to that code
 * (many frameworks catch it), so "ignores the promise" cannot be claimed. Known without types when the
 * method is defined in this file (`this.on` in a class with its own `on`); with types when the checker
 * finds its declaration outside declaration files (the project's code, not `@types/node` or `lib.dom`).
 */
export function isCustomListenerRegistration(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  if (!member) return false;
  if (resolveLocalCallables(context.sourceCode, member).length > 0) return true;
  const services = getTypedServices(context);
  if (!services) return false;
  const declarations = getResolvedSymbol(services, member.property)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => !declaration.getSourceFile().isDeclarationFile);
}
