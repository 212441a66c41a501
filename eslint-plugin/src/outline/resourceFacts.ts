import { type Acquisition, analyzeRelease, isPendingResourcePromise, releaseSpecFor } from '../resources/resourceAnalysis';
import type { AnyRuleContext } from '../core/ruleContext';

export interface ResourceRelease {
  /** The variable or resource label (`client`, `file handle`). */
  readonly name: string;
  /** How it is released: `released by await using`, `leaked: never released`, … */
  readonly description: string;
  /** `require-async-dispose` reports it. */
  readonly problem: boolean;
}

/**
 * How an acquisition is released, decided with the same analysis as `require-async-dispose`
 * (`analyzeRelease`), for the task inspector. Null when the function does not own the resource.
 */
export function describeResourceRelease(context: AnyRuleContext, acquisition: Acquisition): ResourceRelease | null {
  const { holder, resource, functionNode } = acquisition;
  if (!functionNode) return null;
  if (isPendingResourcePromise(context, acquisition)) return null;
  const label = resource.entry.label;
  switch (holder.kind) {
    case 'escaped':
      return null;
    case 'discarded':
    case 'used-once':
      return resource.entry.checkUnreleased ? { name: label, description: 'leaked: never released', problem: true } : null;
    case 'declaration':
    case 'assignment':
      break;
  }
  const name = holder.id.name;
  if (holder.kind === 'declaration') {
    const kind = holder.declarator.parent.kind;
    if (kind === 'await using') return { name, description: `${label}, released by await using`, problem: false };
    if (kind === 'using') {
      return resource.entry.asyncDisposable
        ? { name, description: `${label}: needs await using (its disposal is async)`, problem: true }
        : { name, description: `${label}, released by using`, problem: false };
    }
  }
  const analysis = analyzeRelease(context.sourceCode, functionNode, acquisition.value, holder.id, releaseSpecFor(acquisition));
  switch (analysis.verdict.kind) {
    case 'ok':
      return { name, description: analysis.releases.length > 0 ? `${label}, released on every path` : `${label}, handed over`, problem: false };
    case 'never-released':
      return resource.entry.checkUnreleased ? { name, description: `${label}, leaked: never released`, problem: true } : null;
    case 'released-on-success':
      return { name, description: `${label}, released only when nothing throws`, problem: true };
  }
}
