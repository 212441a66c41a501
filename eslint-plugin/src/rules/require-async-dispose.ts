import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, isFunctionNode, shortText, skipExpressionWrappers } from '../core/ast';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';
import { type Disposal, getTypeDisposal } from '../resources/disposableTypes';
import { GLOBAL_MODULE, resolveModuleReference } from '../modules/moduleBindings';
import { hasInformativeType, isPromiseExpression } from '../promises/promiseInference';
import type { UserResourceEntry } from '../resources/resourceCatalog';
import {
  buildTryFinallyFix,
  canAwaitIn,
  getReturnedCalls,
  getRewritableDeclaration,
  getStandaloneReleaseStatement,
  isLastUseOf,
  isTooLongToRewrite,
  removeStatement,
  replaceDeclarationKeyword,
} from '../resources/resourceFixes';
import {
  type Acquisition,
  analyzeRelease,
  getConstructorModuleNames,
  getResourceCatalog,
  isPendingResourcePromise,
  matchAcquisition,
  type ReleaseAnalysis,
  releaseSpecFor,
} from '../resources/resourceAnalysis';
import { GENERIC_RELEASE_METHODS, type ReleaseSpec, uncataloguedSpec } from '../resources/releaseSpec';
import { getTypedServices } from '../core/typeInfo';
import { getCodeRole } from '../roles/codeRole';
import { isTestFile } from '../roles/testCode';
import { findResponsePipe } from '../resources/responsePipes';
import { findPipedFileSource, mayPipeFileSources } from '../resources/pipedFileSources';
import { findBusyFlagLeftSet, mayLeaveBusyFlagsSet } from '../resources/busyFlags';
import { findLockLeftHeld, mayLeaveLocksHeld } from '../resources/heldLocks';
import { findUnendedWriteStream, mayLeaveWriteStreamsOpen } from '../resources/unendedWriteStreams';
import { findHelperSkippedRelease, mayLeaveHelperReleases } from '../resources/helperReleases';
import { findListenerLeftOnSettle, mayLeaveListenersOnSettle } from '../resources/settleListeners';
import { findListenerRemovalSkipped, mayRemoveListenersAfterAwait } from '../resources/skippedRemovals';
import { findMediaStreamNotStopped, mayOpenMediaStreams } from '../resources/mediaStreams';
import { findUnrevocableObjectUrl, mayCreateObjectUrls } from '../resources/objectUrls';
import { findUnreadResponse, mayLeaveResponsesUnread } from '../resources/unreadResponses';
import { findDoubledEndListener, mayDoubleEndListeners } from '../resources/doubledEndListeners';
import { findReplacedSocketHandler, mayLeaveSocketHandlersOnReplace } from '../resources/replacedSocketHandlers';
import { findDroppedReconnectTimer, mayDropReconnectTimers } from '../resources/reconnectTimers';
import { findDroppedCreation, mayDropCreations } from '../resources/droppedCreations';
import { findUnforwardedIteratorReturn, mayWrapAsyncIterators } from '../resources/iteratorReturns';
import { findPromisedCleanup, mayPromiseCleanups } from '../resources/promisedCleanups';
import { findPerpetualTimerAtLoad, findTimerArmedAtImport, mayArmTimersAtImport, mayStartTimersAtLoad } from '../resources/importTimers';
import { findCollectedTimer, mayCollectTimers } from '../resources/collectedTimers';
import { findTimeoutNeverCleared, findTimerLeftArmed, mayArmSettleTimers, mayDropSettleTimeouts } from '../resources/settleTimers';
import { findDeferredRacer, mayRaceDeferredStarts } from '../resources/deferredRacers';
import { findListenerAddedInTeardown, mayAddInTeardown } from '../resources/teardownAdds';
import { findChainReleaseOnlyOnSuccess, mayReleaseInChains } from '../resources/chainReleases';
import { findDescriptorNeverClosed, mayLeakCallbackDescriptors } from '../resources/callbackDescriptors';
import { findDescriptorsLeftByFailure } from '../resources/descriptorFailures';
import { findKeptTimer, mayKeepTimers } from '../resources/keptTimers';
import { findForgottenTimer, mayForgetTimers } from '../resources/forgottenTimers';
import { findIntervalLeftBySiblings, mayLeaveIntervalsBySiblings } from '../resources/siblingIntervals';
import { findDestroyOfPipedDestination, mayDestroyPipedDestinations } from '../resources/repipedStreams';
import { findRacedTimerHandle, mayRaceTimerHandles } from '../resources/racedTimerHandles';
import { findEndOnlyCleanup, mayCleanUpOnlyOnEnd } from '../resources/endOnlyCleanups';
import { findUnwatchedFile, mayLeaveFilesWatched } from '../resources/unwatchedFiles';
import { findEphemeralServer, mayLeaveEphemeralServers } from '../resources/ephemeralServers';
import { findReplacedResource, mayReplaceResources } from '../resources/replacedResources';
import { findUncalledReleases, mayLeaveReleasesUncalled } from '../resources/uncalledReleases';
import { findListenerKeptPastTeardown, mayKeepListenersPastTeardown } from '../resources/teardownListeners';
import { findKeptAbortListener, findKeptProcessListener } from '../resources/keptListeners';
import { findInstanceFreeListener, mayAddInstanceFreeListeners } from '../resources/instanceFreeListeners';
import { findListenerLeftByRival, findListenerOnSharedValue, findUnremovableListener, mayAddInlineListeners, mayAddUnremovableListeners } from '../resources/anonymousListeners';
import { findTimerDroppedByStop, mayDropTimersOfStoppable } from '../resources/droppedTimers';
import { findRacedTimerPromise, mayRaceTimerPromises } from '../resources/racedTimerPromises';
import { findLastingPromiseRaced, mayRaceLastingPromises } from '../resources/lastingRacers';
import { findWaitListenerKept, mayKeepWaitListeners } from '../resources/waitListeners';
import { findReleaseSkippedInFinally, mayReleaseAfterAwaitInFinally } from '../resources/finallyReleases';
import { findRearmedInterval, mayRearmIntervals } from '../resources/rearmedIntervals';
import { findListenerLeftByTeardown, mayLeaveListenersOnDroppedEmitters } from '../resources/droppedEmitters';
import { findDroppedResponse, mayDropResponses } from '../resources/droppedResponses';
import { findUncancelledSubscription, maySubscribeWithoutCancel } from '../resources/uncancelledSubscriptions';
import { findIdleTimeoutLeftOpen, mayLeaveIdleConnectionsOpen } from '../resources/idleTimeouts';
import { findRestartedProcessListener, mayRestartProcessListeners } from '../resources/restartedListeners';
import { findListenerMissedByCleanup, mayMissListenersInCleanup } from '../resources/cleanupListeners';
import { findPropListenerRemoval, mayRemovePropListeners } from '../resources/propListeners';
import { findBoundListenerRemovedAsNew, findListenerFactoryRemoved, findListenerRemovedFromOtherEvent, findMismatchedRemoval, findRemovalFromOtherEmitter, findSelfRemovalInsteadOfSibling, findUnpipeOfOtherDestination, mayMismatchRemovals, mayRemoveFromOtherEmitters, mayRemoveNewBoundListeners, mayRemoveSelfInsteadOfSibling, mayUnpipeOtherDestinations } from '../resources/mismatchedRemovals';
import { findForeignTimerCleared, mayClearForeignTimers } from '../resources/foreignTimers';
import { findWaitersSettledNotRemoved, maySettleWaitersWithoutRemoving } from '../resources/settledWaiters';
import { findListenersLeftOnReplacedEmitter, mayLeaveListenersOnReplacedEmitters } from '../resources/replacedEmitters';
import { findOverwrittenTimer, mayOverwriteTimers } from '../resources/overwrittenTimers';
import { findRepeatedListener, mayAddRepeatedListeners } from '../resources/repeatedListeners';
import { findFailuresWithoutRelease, mayReleaseBeforeFailures } from '../resources/failureReleases';
import { getReleasedCheckoutMethods, type InferredAcquisition, matchInferredAcquisition, mayHoldInferredResources } from '../resources/inferredResources';

export type Options = [{ resources?: UserResourceEntry[]; checkTests?: boolean }];
export type MessageIds =
  | 'neverReleased'
  | 'releasedOnlyOnSuccess'
  | 'releaseSkippedInFinally'
  | 'intervalRearmed'
  | 'listenerLeftByTeardown'
  | 'releasedOnlyOnChainSuccess'
  | 'usingAsyncDisposable'
  | 'pipedIntoResponse'
  | 'abortListenerKept'
  | 'removalMissesCapture'
  | 'listenerOnSharedValue'
  | 'timerOverwritten'
  | 'foreignTimerCleared'
  | 'removalWithoutEvent'
  | 'listenerRemovedFromOtherEvent'
  | 'selfRemovedInsteadOfSibling'
  | 'listenerFactoryRemoved'
  | 'boundListenerRemovedAsNew'
  | 'removalFromOtherEmitter'
  | 'unpipeOfOtherDestination'
  | 'waitersSettledNotRemoved'
  | 'listenersLeftOnReplacedEmitter'
  | 'removeFromMeantEmitter'
  | 'removeFromEvent'
  | 'passCapture'
  | 'passEvent'
  | 'processListenerKept'
  | 'pageListenerKept'
  | 'listenerPerInstance'
  | 'unremovableListener'
  | 'listenerLeftByRival'
  | 'timerLeftArmed'
  | 'timeoutNeverCleared'
  | 'unrefedTimeoutNeverCleared'
  | 'raceTimeoutNeverCleared'
  | 'deferredRacerNeverCleared'
  | 'racedTimerPromiseNeverCleared'
  | 'lastingPromiseRaced'
  | 'waitListenerKept'
  | 'responseDropped'
  | 'subscriptionNeverCancelled'
  | 'idleTimeoutLeavesOpen'
  | 'pipeSourceLeftOpen'
  | 'busyFlagLeftSet'
  | 'lockLeftHeld'
  | 'listenerAddedInCleanup'
  | 'writeStreamNeverEnded'
  | 'releasedByOneHelper'
  | 'listenerLeftOnSettle'
  | 'listenerRemovalSkipped'
  | 'mediaStreamNotStopped'
  | 'objectUrlNeverRevoked'
  | 'responseNeverRead'
  | 'endListenerDoubled'
  | 'socketHandlerLeftOnReplace'
  | 'reconnectTimerDropped'
  | 'createdResourceDropped'
  | 'iteratorReturnNotForwarded'
  | 'cleanupInPromise'
  | 'timerArmedAtImport'
  | 'timerLoopAtLoad'
  | 'timerHandlesKept'
  | 'destroyOnTimeout'
  | 'listenerAddedInTeardown'
  | 'listenerKeptPastTeardown'
  | 'inlineListenerKeptPastTeardown'
  | 'processListenerPerRestart'
  | 'listenerMissedByCleanup'
  | 'propListenerRemoved'
  | 'descriptorNeverClosed'
  | 'descriptorKeptPastStop'
  | 'descriptorLeftByFailure'
  | 'timerKeptByStop'
  | 'intervalDroppedInStoppableClass'
  | 'timerForgottenByTeardown'
  | 'intervalLeftBySiblings'
  | 'destroyOfPipedDestination'
  | 'timerHandleRaced'
  | 'cleanupOnlyOnEnd'
  | 'fileWatchedForGood'
  | 'ephemeralServerNeverClosed'
  | 'resourceReplacedUnreleased'
  | 'timerDroppedByStop'
  | 'releaseNotCalled'
  | 'callRelease'
  | 'listenerPerEvent'
  | 'listenerPerIteration'
  | 'listenerPerSocket'
  | 'listenerPerServedRequest'
  | 'listenerPerCallEvent'
  | 'failureNotReleased'
  | 'suggestUsing'
  | 'suggestTryFinally';

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;
type SuggestionList = TSESLint.ReportSuggestionArray<MessageIds>;

export default createRule<Options, MessageIds>({
  name: 'require-async-dispose',
  meta: {
    type: 'problem',
    fixable: 'code',
    hasSuggestions: true,
    docs: {
      description: 'Require resources (file handles, pooled clients, sockets, disposables) to be released on every path',
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      neverReleased:
        '{{what}} is never released in this function: nothing calls {{release}} and it is not returned or handed on, so it leaks. {{remedy}}.',
      listenerLeftByTeardown:
        "This '{{event}}' listener is taken off `{{emitter}}` by `{{remover}}()`, but `{{teardown}}()` stops `{{emitter}}` and lets go of it without taking it off: the events the stop still fires (an 'end', a 'close') run the listener on code that has moved on, and the emitter keeps it. Take it off in `{{teardown}}()` too, or call `{{remover}}()` from there.",
      intervalRearmed:
        "`{{method}}()` arms a new interval into `this.{{field}}` without clearing the one it holds, and `{{rerun}}()` runs it again (line {{line}}) while the first may still run: its handle is overwritten, nothing can clear it any more, and both intervals run for good. Clear `this.{{field}}` before arming it (`clearInterval(this.{{field}})`).",
      releaseSkippedInFinally:
        "`{{release}}` in this `finally` runs only if `{{risk}}` (line {{line}}) succeeds: when that rejects, the block ends at the `await`, `{{name}}` is never released, and it leaks. Release it in a `finally` of its own around that call (`try { await … } finally { {{release}}; }`).",
      releasedOnlyOnSuccess:
        '{{what}} is released only when nothing throws: {{risk}} on line {{line}} can leave before {{release}} runs, and the resource leaks. {{remedy}}.',
      releasedOnlyOnChainSuccess:
        "`{{name}}` is released only when every step of this promise chain succeeds: when `{{risk}}` (line {{line}}) or a later step rejects, the chain skips this `.then`, nothing releases `{{name}}`, and it leaks. Release it in a `.finally(…)` of the chain, or in its rejection handler too.",
      usingAsyncDisposable:
        "{{what}} is disposed asynchronously, but `using` calls only [Symbol.dispose] (a TypeError when it is missing) and does not wait. Declare it with `await using`.",
      abortListenerKept:
        "This 'abort' listener on `{{signal}}`, a signal the caller passed in, is never removed: a caller that passes one signal to many calls collects a listener per call, with everything it holds, until the signal is aborted. Remove it when the work ends (`{{signal}}.removeEventListener('abort', listener)` in a `finally`), or use `addAbortListener` of `node:events` and dispose of what it returns.",
      listenerPerInstance:
        "`{{receiver}}.{{verb}}('{{event}}', …)` in `{{method}}` adds the same listener every time it runs, one more for every instance, and nothing takes them off: the listener uses nothing of the instance, yet each one stays on `{{receiver}}` for the life of the process and runs on every '{{event}}' (Node warns of a leak from the eleventh). Add it once, at module level.",
      processListenerKept:
        "`process.{{verb}}('{{event}}', …)` in `{{method}}` adds a listener every time it runs, and nothing takes it off, not even `{{stop}}()`: every instance, and every start after a stop, adds one more and keeps its instance alive. Keep the listener in a field and remove it in `{{stop}}()` (`process.off('{{event}}', listener)`).",
      pageListenerKept:
        "`{{target}}.addEventListener('{{event}}', …)` in `{{method}}` adds a listener every time it runs, and nothing takes it off `{{target}}`, not even `{{stop}}()`: the page keeps every instance's listener, and with it the instance, for as long as it is open. Keep the listener in a field and remove it in `{{stop}}()` (`{{target}}.removeEventListener('{{event}}', listener)`).",
      unremovableListener:
        "This '{{event}}' listener is written inline, so nothing can take it off `{{emitter}}` again, though the code takes other listeners off it (line {{line}}): each instance or run adds one more, every one of them runs on each later event and keeps what it closes over alive. Keep the function in a field or variable and remove it where the others are removed.",
      listenerLeftByRival:
        "When '{{rival}}' comes first, its listener is taken off but this '{{event}}' listener stays on `{{emitter}}` (written inline, so nothing can take it off): every wait that ends that way leaves one behind, holding what it closes over. Name it and take it off in the '{{rival}}' listener too.",
      timerOverwritten:
        "`{{holder}}` gets a new timer here, in the '{{event}}' listener, and in the '{{other}}' listener of the same emitter (line {{line}}), and neither clears the timer it holds first: when both events come (a failing socket emits both), the first timer is lost, nothing can clear it any more, and both run. Clear it before arming it again (`clearTimeout({{holder}})`), or arm it in one of the two listeners.",
      foreignTimerCleared:
        "`{{holder}}` holds a timer of {{module}} (armed on line {{line}}), not one of the runtime's: the global `{{clear}}` knows only the runtime's timers, so it cancels nothing and the timer still fires. Clear it with the package's own function: `{{packageClear}}({{holder}})`.",
      listenerOnSharedValue:
        "This '{{event}}' listener is added to `{{name}}` on every run, also when `{{name}}` is the shared one taken from `{{registry}}` (line {{line}}): each run that reuses it adds one more listener, written inline so nothing can take it off, and every one of them runs on each later event. Add it where the value is made and filed in `{{registry}}`, once per value.",
      removalMissesCapture:
        "This call takes `{{listener}}` off `{{target}}` {{how}}, but it was added {{added}} (line {{line}}): a listener is matched by its type, its function and its capture flag, so this removes nothing and the listener stays, running on every later '{{event}}' and keeping what it closes over alive. Pass the same capture flag as the add (`{{flag}}`).",
      removalWithoutEvent:
        "`{{method}}({{listener}})` names no event: the emitter takes `{{listener}}` for the event's name and removes nothing, so the listener added on line {{line}} stays, runs on every later event and keeps what it closes over alive. Name the event first: `{{method}}({{event}}, {{listener}})`.",
      listenerRemovedFromOtherEvent:
        "`{{listener}}` is added to `{{target}}` for '{{event}}' here, but the file takes it off only '{{removed}}' (line {{line}}), an event it was never added for: that call removes nothing, and this listener stays, running on every later '{{event}}' and keeping what it closes over alive. Take it off '{{event}}' where the others are taken off.",
      selfRemovedInsteadOfSibling:
        "`{{listener}}` takes itself off here, but `once` has already done that: this call removes nothing, and its sibling `{{sibling}}` (added on line {{line}}) stays on `{{target}}`, one more for every call that ends this way, able to settle what has already settled. Take `{{sibling}}` off instead.",
      removeFromEvent: "Take it off '{{event}}' in the removal on line {{line}}.",
      passCapture: 'Pass the capture flag of the add: `{{flag}}`.',
      passEvent: 'Name the event: `{{event}}`.',
      timerLeftArmed:
        "The timeout `{{timer}}` is cleared before this promise settles on line {{line}}, but not before it settles here: it stays armed, keeping the process alive and its callback's closure until it fires. Clear it here too (`clearTimeout({{timer}})`), or settle through one function that clears it.",
      timeoutNeverCleared:
        "This timeout's handle is thrown away, so nothing can clear it: when the promise settles another way first (line {{line}}), the timer stays armed for its whole delay, keeping the process alive and its callback's closure, and then runs its callback on a promise that has settled. Keep the handle (`const timer = setTimeout(…)`) and clear it where the promise settles, or in a `finally` of the promise.",
      unrefedTimeoutNeverCleared:
        "This timeout is `unref()`ed and its handle thrown away, so nothing can clear it: when the promise settles another way first (line {{line}}), the callback still runs at the end of its delay, and `{{effect}}` acts on work that is over (a later call's, by then). Keep the handle (`const timer = setTimeout(…)`) and clear it where the promise settles.",
      raceTimeoutNeverCleared:
        "This timeout's handle is thrown away, so nothing can clear it: when another promise of the `Promise.race` on line {{line}} wins, the timer stays armed for its whole delay, keeping the process alive and its callback's closure, and then rejects a promise nobody waits for any more. Keep the handle (`const timer = setTimeout(…)`) and clear it once the race is over (`finally { clearTimeout(timer) }`).",
      deferredRacerNeverCleared:
        "This timer starts `{{work}}` later for a promise raced on line {{line}}, and its handle is thrown away: when another racer wins first, the timer still keeps the process alive until it fires, and then starts work nobody waits for any more. Keep the handle (`timer = setTimeout(…)`) and clear it once the race is over.",
      subscriptionNeverCancelled:
        "This subscription's stream is relayed into `{{emitter}}`, which the function hands back, and nothing can cancel it: `{{stream}}` is used only for listeners, never cancelled, closed or handed on. When the caller takes its listeners off `{{emitter}}`, the stream stays open, relaying into an emitter nobody listens to, for the life of the process. Cancel it when the emitter's last listener goes (listen for 'removeListener' and check `listenerCount`), or hand the caller a way to stop it.",
      responseDropped:
        "`{{callee}}(…)` hands back a fetch `Response`, and this statement drops it without reading or cancelling its body: the body's stream, and the connection under it, stays open until the response is collected. The call on line {{line}} reads its body; consume this one too (`await res.text()`) or cancel it (`await res.body?.cancel()`).",
      waitListenerKept:
        "This '{{event}}' listener settles the promise once, but nothing takes it off `{{target}}`: written inline and never removing itself, it stays for the page's life, so {{caller}} leaves one more on every call, each holding what it closes over and running on every later event. Name it and remove it when it settles the promise (`{{target}}.removeEventListener('{{event}}', onEvent)`), or pass `{ once: true }` if the first event settles it.",
      lastingPromiseRaced:
        "`{{field}}` is made once, in {{maker}}, and settles only on an event of the instance's life (its close), yet each call races it: `Promise.race` adds a reaction to every promise it is given, and a pending promise keeps them all, so every race leaves one more (with what its callbacks hold) on `{{field}}` for the instance's whole life. Race a promise made for this call instead (a `once` listener taken off in `finally`), or an AbortSignal.",
      racedTimerPromiseNeverCleared:
        "`{{helper}}(…)` hands back only a promise its timer settles, so nothing can clear that timer: when another promise of the `Promise.race` on line {{line}} wins, the timer stays armed for its whole delay, keeping the process alive and what its callback holds, once for every race. Use a timeout that is cleared when the race is over (keep the handle of a `setTimeout` and clear it in a `finally`, or give the helper an `AbortSignal` and abort it then).",
      listenerFactoryRemoved:
        "`{{factory}}` is the function that builds the '{{event}}' listener line {{line}} adds (`{{factory}}(…)`), not that listener: this call takes off a function that was never added, so it removes nothing, and the built listener stays, one more each time line {{line}} runs. Keep what `{{factory}}(…)` returned and take that off.",
      boundListenerRemovedAsNew:
        "This adds `{{bound}}.bind(…)` to `{{target}}` for '{{event}}', and the file takes off `{{bound}}.bind(…)` on line {{line}}: `bind` makes a new function each time, one that was never added, so that call removes nothing and this listener stays, one more each time this runs, running on every later '{{event}}' and keeping its instance alive. Bind it once, keep the bound function (in a field), and pass that same function to both calls.",
      removalFromOtherEmitter:
        "This takes the '{{event}}' listeners off `{{named}}`, but this file adds none to it: the '{{event}}' listener this code means is on `{{meant}}` (line {{line}}), beside the one this runs in. The call removes nothing of this code's (or someone else's), and the listener on `{{meant}}` stays, running on a later '{{event}}' and keeping what it closes over alive. Take it off `{{meant}}`.",
      unpipeOfOtherDestination:
        "`unpipe` detaches only the destination it is given, and this file never pipes into `{{named}}`: the call detaches nothing, and the pipe into `{{destination}}` (line {{line}}) stays, still writing into it. Unpipe that destination: `unpipe({{destination}})`.",
      waitersSettledNotRemoved:
        "Every waiter in `{{queue}}` is settled here, on each '{{event}}', but stays in it: the next '{{event}}' settles them all again (another rejection or error for each, every time), and the code that serves the queue one at a time (line {{line}}) hands its next value to a waiter that has already given up. Empty the queue as you settle it (`const waiters = {{queue}}; {{queue}} = [];`, then settle `waiters`).",
      listenersLeftOnReplacedEmitter:
        "`{{field}}` is replaced here, and only some of its listeners move across: the file also listens to {{events}} on it (line {{line}}), which the new one never gets and the old one keeps. The old emitter's handlers still run (on a connection that is now another's), and the new one's {{events}} go unnoticed. Take every listener off the old one (`removeAllListeners()`) and add all of them to the new one.",
      removeFromMeantEmitter: 'Take it off `{{meant}}`.',
      idleTimeoutLeavesOpen:
        "This {{handler}} gives `{{name}}` up without closing it: an idle timeout only tells the {{what}} it is idle, and Node keeps its connection open: `{{name}}` stays connected (and whatever waits for its 'close' keeps waiting) until the peer or the operating system drops it. Destroy it in the handler (`{{name}}.destroy()`).",
      destroyOnTimeout: 'Destroy `{{name}}` first in the handler.',
      timerHandlesKept:
        '`{{collection}}` keeps each timeout\'s handle for the teardown to clear, but nothing takes a handle out when its timer fires: it grows with every call and holds every fired timer (and what its callback holds) for the life of the instance. Take the handle out in the timer\'s callback.',
      busyFlagLeftSet:
        '`{{flag}}` is set here to turn overlapping calls away (the check on line {{guard}}), but {{exit}} leaves the function with it still set: every later call then stops at that check, for good. Reset it in a `finally` block.',
      listenerLeftOnSettle:
        "This '{{event}}' listener is taken off `{{target}}` when the promise settles on line {{removed}}, but not when it settles on line {{left}}: on that way it stays on for good, holding what it closes over and running on every later event. Take it off wherever the promise settles (one cleanup called before each `resolve` and `reject`).",
      releasedByOneHelper:
        "'{{name}}' (from `new {{constructor}}()`) is released by `{{releasing}}()` (its `{{method}}()`), one of the functions this hands it to, but `{{skipping}}()` (line {{line}}) only uses it and never releases it: on that path it stays open. Release it at the end of `{{skipping}}()`'s work too (in the callback that ends it).",
      writeStreamNeverEnded:
        "`{{name}}` is a file write stream this function writes to and never ends, closes or hands on: the file stays open for the life of the process, and what the stream still buffers may never reach it. Call `{{name}}.end()` when the writing is done, on every way out (or write the file with `fs.promises.writeFile`).",
      lockLeftHeld:
        '`{{lock}}` is taken here and given back on line {{line}} only when the function gets there: {{exit}} leaves it taken, and every later caller waits for it for good. Release it in a `finally` block.',
      listenerRemovalSkipped:
        "This '{{event}}' listener is taken off `{{target}}` on line {{line}} only when the function gets there: {{exit}} leaves it on for good, one more for every call that fails, each keeping what it holds alive. Take it off in a `finally` block.",
      mediaStreamNotStopped:
        'The media stream this `{{method}}(…)` opens is never stopped, handed on or kept: the camera or microphone stays in use, its indicator on, until the page goes away. Stop its tracks when done with it (`stream.getTracks().forEach((track) => track.stop())`).',
      objectUrlNeverRevoked:
        'This object URL is handed straight to `{{consumer}}(…)` and kept nowhere, so nothing can ever revoke it: the Blob it names stays in memory for the life of the page, one more for every call. Keep it in a variable and call `URL.revokeObjectURL(url)` once `{{consumer}}(…)` has returned (it has read the script by then).',
      responseNeverRead:
        "This {{callee}} callback never reads {{response}}: once a response callback is given, Node leaves the body to it, and until the body is consumed the response holds its memory and its socket (a keep-alive agent never gets the socket back). Call `{{name}}.resume()` to discard the body you do not need, or read it.",
      endListenerDoubled:
        "`{{listener}}` listens for both '{{first}}' (line {{line}}) and '{{second}}' of `{{emitter}}`, and one ending emits both: it runs twice and starts its work twice (two timers, two reconnections), each of which doubles again on its own end. Listen for one of the two, or take both listeners off when the first one fires.",
      socketHandlerLeftOnReplace:
        "`{{closer}}` on line {{line}} closes the old `{{socket}}` before this function makes a new one, but leaves its on{{event}} handler on: the old socket still fires '{{event}}' after `close()` returns, and the handler then runs against this object, which by then holds the new socket. Set `{{socket}}.on{{event}} = null` before closing the old socket.",
      reconnectTimerDropped:
        "This timer reconnects (`{{work}}(…)`) when the connection's '{{event}}' fires, and its handle is thrown away: `{{stop}}()` cannot clear it, so stopping the object while it waits is undone when it fires and the object connects again (the timer also keeps the process alive until then). Keep the handle (`this.reconnectTimer = setTimeout(…)`) and clear it in `{{stop}}()`.",
      createdResourceDropped:
        "`{{callee}}(…)` makes a new `{{made}}` and hands it back, and this statement drops it: nothing can close it now, so what it holds (a session, a connection, a socket) stays open. Keep it (`const session = await {{callee}}(…)`) and use or close it.",
      iteratorReturnNotForwarded:
        "This iterator wraps `{{inner}}` (its `next()` waits on `{{inner}}.next()`), but its `return()` does not close `{{inner}}`: a consumer that stops early (a `for await` left by `break`, a subscription ended by its client) closes this iterator, and `{{inner}}`, with what it holds (a subscription, a listener, a stream), stays open for good. Call `{{inner}}.return()` from this `return()` (and `{{inner}}.throw(error)` from `throw()`).",
      cleanupInPromise:
        '`{{callee}}` is async, so the cleanup it returns (the function that calls `{{release}}`) comes wrapped in its promise, and this call drops that promise: `{{release}}` is never called, and what it would release stays held. Return the cleanup from a synchronous function (start the async work inside it), or await the call and keep the cleanup it gives back.',
      timerLoopAtLoad:
        '`{{loop}}` arms this timer again every time it runs, and `{{factory}}()`, which the module calls as it is loaded, starts it: the handle is thrown away, so nothing can clear it, and it is not `unref()`ed, so every program that imports the module is kept alive for good (a short command never exits, a serverless invocation never ends). Arm it only when there is work to do and clear it when that work is done, or `unref()` it.',
      timerArmedAtImport:
        'This {{timer}} is armed as the module is loaded, and nothing `unref()`s or clears it: every program that imports the module is kept alive {{until}}, so a short command cannot exit. Arm it when a caller starts the work that needs it, or `unref()` it.',
      pipeSourceLeftOpen:
        "`pipe` does not close this file when its destination fails: the 'error' listener on line {{line}} handles the destination's failure, but the read stream of `{{file}}` stays open, its file descriptor held until the process ends. Use `stream.pipeline(…)`, which destroys every stream of the chain when one fails, or destroy the read stream in that listener.",
      listenerAddedInTeardown:
        "`{{teardown}}()` adds the '{{event}}' listener that line {{line}} added, where it takes the other listeners off: an add where a remove was meant. The listener stays, and a second one joins it each time `{{teardown}}()` runs. Remove it instead (`{{remove}}`).",
      listenerAddedInCleanup:
        "The cleanup this function hands back adds the '{{event}}' listener that line {{line}} added, where it takes other listeners off: an add where a remove was meant. The listener stays, and a second one joins it each time the cleanup runs. Remove it instead (`{{remove}}`).",
      listenerKeptPastTeardown:
        "`{{handler}}` stays on this emitter after `{{teardown}}()`, which takes the class's other listeners off: the emitter keeps calling it on a torn-down instance and keeps the instance alive. Take it off in `{{teardown}}()` too.",
      inlineListenerKeptPastTeardown:
        "This '{{event}}' listener is written inline on `{{emitter}}`, so nothing can take it off: after `{{teardown}}()`, which takes the class's other listeners off, `{{emitter}}` keeps calling it on a torn-down instance and keeps the instance alive, one more for every instance. Keep the function in a field and remove it in `{{teardown}}()`.",
      processListenerPerRestart:
        "`process.{{verb}}('{{event}}', …)` in `{{adder}}()` adds a listener every time it runs, and `{{adder}}()` runs again through `{{via}}(…)` (line {{line}}): every restart adds one more, each keeping what it closes over alive, and one later '{{event}}' then runs all of them (a restart for each). Add it once (at module level, or behind a flag), reading what it needs from module state.",
      listenerMissedByCleanup:
        "The cleanup {{cleanup}}takes `{{emitter}}`'s other listeners off (line {{line}}), but not this '{{event}}' one: each time this runs and is cleaned up, one more `{{handler}}` stays on `{{emitter}}`, running on every later '{{event}}' and keeping what it closes over alive. Take it off in the cleanup too (`{{emitter}}.{{remove}}('{{event}}', {{handler}})`).",
      propListenerRemoved:
        "This takes off the `{{prop}}` that `this.props` holds now, but the '{{event}}' listener was added with the one it held then (line {{line}}): after a render with a new `{{prop}}` (a parent's inline function is new every render), this removes nothing, and the old listener stays, calling the old handler on every later '{{event}}'. Add and remove one stable function of the instance that calls `this.props.{{prop}}` when it runs.",
      descriptorLeftByFailure:
        "When `{{operation}}` fails, line {{line}} hands its error to `{{callback}}` and leaves the descriptor `{{name}}` this `open` gave open: the caller gets an error and no descriptor, so nothing can close it (the success path hands it on). Close it there first: `fs.close({{name}}, () => {{callback}}(…))`.",
      descriptorKeptPastStop:
        "The instance keeps the file descriptor this `open` hands to its callback in `{{field}}`, and nothing closes it: `{{stop}}()` lets the instance go with the file still open, so every instance leaks one descriptor, until the process runs out of them (EMFILE). Close it in `{{stop}}()` (`fs.close(this.{{field}}, callback)`, then clear the field).",
      descriptorNeverClosed:
        "The file descriptor `{{name}}` that this `open` hands to its callback is never closed{{how}}: every call leaks one descriptor, until the process runs out of them (EMFILE). Close it when done with it (`fs.close({{name}}, callback)`), on the paths that fail too.",
      timerKeptByStop:
        '`this.{{field}}` holds {{timer}} that `{{stop}}()` never clears: after `{{stop}}()` it keeps the process alive{{until}} and runs its callback on a stopped instance. Clear it in `{{stop}}()` (`{{clear}}(this.{{field}})`), or `unref()` it if it must not hold the process.',
      destroyOfPipedDestination:
        "`{{name}}` may no longer hold the stream this means to close: line {{line}} replaced it with the stream it is piped into, so this {{method}}() closes that one, and the stream piped from (a response, with its socket) stays open. Keep the original in a variable of its own and {{method}} it.",
      resourceReplacedUnreleased:
        "This replaces what `{{holder}}` holds with a new one without releasing the old, though the code releases it on line {{line}} (`{{release}}`): every call drops one still open (its sockets, workers, files), and that release frees only the last. Make it once and reuse it (`if (!{{holder}}) {{holder}} = …`), or release the old one first.",
      ephemeralServerNeverClosed:
        "This starts `{{server}}` listening on a port picked for it (`listen(0)`) and nothing in the file ever closes it: every call leaves a socket listening, which keeps the process from exiting. Keep the server `listen` gives back and close it when its work is done (`server.close()`).",
      fileWatchedForGood:
        "Nothing in this file stops this `watchFile` poller (no `unwatchFile` call): it stats the file every interval for as long as the process lives, and keeps its listener and what that holds, once for every call of {{owner}}. Stop it with `fs.unwatchFile(path, listener)` once it has seen what it waits for, and where the work gives up or ends.",
      cleanupOnlyOnEnd:
        "This 'end' listener is the only place the code lets go of `{{receiver}}` (it {{bookkeeping}}), but a socket or stream destroyed before its end (an error, a reset, `destroy()`, a timeout) emits 'close' and never 'end': on those paths this never runs, and what it undoes stays for good, holding the dead `{{receiver}}`. Do it on 'close' as well (which also follows a normal end, so make it run once), or on 'close' only.",
      timerHandleRaced:
        "`{{timer}}` hands back a timer handle, not a promise: the `Promise.race` on line {{line}} takes the handle as a value already there and does not wait for the timer, and nothing keeps the handle to clear it, so the timer stays armed for its whole delay once per race and runs its callback on work long finished. Race a promise the timer settles (`new Promise((resolve) => { timer = {{timer}}(…) })`) and clear the timer when the race is over.",
      intervalLeftBySiblings:
        "Nothing clears the interval in `{{name}}`, though the code clears its sibling `{{sibling}}` (line {{line}}): where the siblings stop, this one runs on, for good, on whatever it was working for. Clear it there too (`clearInterval({{name}})`).",
      timerForgottenByTeardown:
        '`{{method}}()` lets go of `this.{{field}}` without cancelling it: the {{what}} it holds (from `{{arm}}`) still runs after the teardown, on an instance that has let go of what it uses, and nothing can cancel it any more. Cancel it first (`{{cancel}}(this.{{field}})`).',
      intervalDroppedInStoppableClass:
        "This interval's handle is thrown away, so `{{stop}}()` cannot clear it: after `{{stop}}()` it keeps the process alive for good and runs its callback on a stopped instance. Keep the handle (`this.timer = setInterval(…)`) and clear it in `{{stop}}()` (`clearInterval(this.timer)`), or `unref()` it if it must not hold the process.",
      timerDroppedByStop:
        "This {{timer}}'s handle is thrown away, so `{{stop}}()` cannot clear it: after `{{stop}}()` it still keeps the process alive {{until}} and {{runs}} on a stopped {{owner}}. Keep the handle and clear it in `{{stop}}()` (`{{clear}}(handle)`), or `unref()` it if it must not hold the process.",
      releaseNotCalled:
        "`{{name}}` names the `{{method}}` method without calling it: {{waiter}} gets the function itself, which it takes as a value that is already there, so it resolves at once and nothing is released. Call it: `{{name}}()`.",
      callRelease: 'Call it: `{{name}}()`.',
      listenerPerEvent:
        "This {{added}} is added to `{{emitter}}` every time its {{repeat}} fires, and nothing removes it: the listeners pile up, every one of them runs on each later event, and each keeps what it holds alive. Add it once, outside the handler of the {{repeat}} (or behind a flag that says it is added), or remove it when it is done.",
      listenerPerIteration:
        "This '{{event}}' listener is added to `{{emitter}}` on every pass of the loop on line {{line}}{{via}} and never removed: the emitter collects one per pass, all still running, until Node warns of a leak at the eleventh. Remove the listeners when the promise settles (`{{emitter}}.off('{{event}}', listener)`).",
      listenerPerSocket:
        "This '{{event}}' listener is added to `{{socket}}`, the socket of one request, and nothing removes it: an agent that keeps connections alive (Node's default since 19) hands the same socket to later requests, and each adds one more until Node warns of a leak at the eleventh. Add it once per socket (behind a flag on the socket), or remove it when the request ends (`req.once('close', () => {{socket}}.off('{{event}}', listener))`).",
      listenerPerServedRequest:
        "This '{{event}}' listener is added to `{{socket}}` for every request served, and nothing in the file takes it off: a kept-alive connection serves many requests over one socket, which collects one more listener per request (each holding that request's objects) until the connection closes, and Node warns of a leak at the eleventh. Take it off when the response is done (`{{socket}}.removeListener('{{event}}', listener)`), or listen to the request or the response instead.",
      listenerPerCallEvent:
        "This listener is added to `{{emitter}}` under `{{event}}`, a name made for this one call (from `{{unique}}`), and nothing in the file takes it off: once the call is over the name is never used again, so every call leaves one more listener behind, holding what it closes over, for as long as `{{emitter}}` lives. Take it off when the call's work ends (`{{emitter}}.removeAllListeners({{event}})`), or add it with `once` if it fires once.",
      pipedIntoResponse:
        "`{{source}}` is piped into '{{response}}' with `.pipe()`, which leaves it open when the client disconnects before the end: it keeps its file handle or connection for good. Use `stream.pipeline()` (it destroys both streams on close or error), or destroy it in `{{response}}.on('close', …)`.",
      failureNotReleased:
        "'{{name}}' is released before `{{callback}}` gets the failure on line {{line}}, but not before this failure: it stays open (a socket keeps its connection and the process alive) once the caller has given up on it. Release it here too (`{{release}}`) before handing the error on.",
      suggestUsing: "Declare '{{name}}' with `{{keyword}}` so it is released however the block exits.",
      suggestTryFinally: 'Wrap the code after the acquisition in `try { … } finally { {{release}} }`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          resources: {
            type: 'array',
            description: 'More resources to track, in the catalog format: where they come from and how they are released.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module', 'factory', 'dispose'],
              properties: {
                module: { type: 'string', description: 'The module that exports the factory, as imported (`my-db`, `node:fs`).' },
                factory: {
                  type: 'string',
                  description: 'How the resource is obtained: `open` (call an export), `new Client` (construct one), `createPool#acquire` (a method of a value the export made).',
                },
                dispose: {
                  description: 'How it is released: method names of the resource (`close`), or `name(resource)` for a function of the module or a method of the owner (`release(resource)`).',
                  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
                },
                asyncDisposable: { type: 'boolean', description: 'The resource implements `Symbol.asyncDispose`, so `await using` can hold it.' },
              },
            },
          },
          checkTests: {
            type: 'boolean',
            description: 'Also report in test code, where a leaked handle at worst keeps the test runner from exiting.',
          },
        },
      },
    ],
    defaultOptions: [{ resources: [], checkTests: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Test code holds resources for one test, and a leak there costs at most a runner that does not exit.
    if (!options.checkTests && isTestFile(context)) return {};
    const catalog = getResourceCatalog(options.resources);
    const catalogDeclarators = new WeakSet<TSESTree.Node>();
    /** Local names of modules that are constructors themselves (`import Redis from 'ioredis'`). */
    const moduleNames = new Set<string>();
    const checkInferred = mayHoldInferredResources(sourceCode.text);

    const checkPipes = sourceCode.text.includes('.pipe(');
    const checkPipedFiles = mayPipeFileSources(sourceCode.text);
    const checkBusyFlags = mayLeaveBusyFlagsSet(sourceCode.text);
    const checkHeldLocks = mayLeaveLocksHeld(sourceCode.text);
    const checkWriteStreams = mayLeaveWriteStreamsOpen(sourceCode.text);
    const checkHelperReleases = mayLeaveHelperReleases(sourceCode.text);
    const checkSettleListeners = mayLeaveListenersOnSettle(sourceCode.text);
    const checkSkippedRemovals = mayRemoveListenersAfterAwait(sourceCode.text);
    const checkMediaStreams = mayOpenMediaStreams(sourceCode.text);
    const checkObjectUrls = mayCreateObjectUrls(sourceCode.text);
    const checkUnreadResponses = mayLeaveResponsesUnread(sourceCode.text);
    const checkDoubledEndListeners = mayDoubleEndListeners(sourceCode.text);
    const checkSocketHandlers = mayLeaveSocketHandlersOnReplace(sourceCode.text);
    const checkReconnectTimers = mayDropReconnectTimers(sourceCode.text);
    const checkDroppedCreations = mayDropCreations(sourceCode.text);
    const checkIteratorReturns = mayWrapAsyncIterators(sourceCode.text);
    const checkPromisedCleanups = mayPromiseCleanups(sourceCode.text);
    const checkImportTimers = mayArmTimersAtImport(sourceCode.text);
    const checkLoadTimers = mayStartTimersAtLoad(sourceCode.text);
    const checkPropListeners = mayRemovePropListeners(sourceCode.text);
    const checkCleanupListeners = mayMissListenersInCleanup(sourceCode.text);
    const checkRestartedListeners = mayRestartProcessListeners(sourceCode.text);
    const checkCollectedTimers = mayCollectTimers(sourceCode.text);
    const checkAbortListeners = sourceCode.text.includes('addEventListener(');
    const checkProcessListeners = /\b(?:process\.(?:on|once|addListener|prependListener)|window\.addEventListener|document\.addEventListener)\(/.test(sourceCode.text);
    const checkInstanceFreeListeners = mayAddInstanceFreeListeners(sourceCode.text);
    const checkFailureReleases = mayReleaseBeforeFailures(sourceCode.text);
    const checkSettleTimers = mayArmSettleTimers(sourceCode.text);
    const checkDroppedTimeouts = mayDropSettleTimeouts(sourceCode.text);
    const checkDeferredRacers = mayRaceDeferredStarts(sourceCode.text);
    const checkRacedTimerPromises = mayRaceTimerPromises(sourceCode.text);
    const checkLastingRacers = mayRaceLastingPromises(sourceCode.text);
    const checkWaitListeners = mayKeepWaitListeners(sourceCode.text);
    const checkFinallyReleases = mayReleaseAfterAwaitInFinally(sourceCode.text);
    const checkRearmedIntervals = mayRearmIntervals(sourceCode.text);
    const checkDroppedEmitters = mayLeaveListenersOnDroppedEmitters(sourceCode.text);
    const checkDroppedResponses = mayDropResponses(sourceCode.text);
    const checkSubscriptions = maySubscribeWithoutCancel(sourceCode.text);
    const checkIdleTimeouts = mayLeaveIdleConnectionsOpen(sourceCode.text);
    const checkTeardownAdds = mayAddInTeardown(sourceCode.text);
    const checkTeardownListeners = mayKeepListenersPastTeardown(sourceCode.text);
    const checkUnremovableListeners = mayAddUnremovableListeners(sourceCode.text);
    const checkMismatchedRemovals = mayMismatchRemovals(sourceCode.text);
    const checkBoundRemovals = mayRemoveNewBoundListeners(sourceCode.text);
    const checkOtherEmitterRemovals = mayRemoveFromOtherEmitters(sourceCode.text);
    const checkSelfRemovals = mayRemoveSelfInsteadOfSibling(sourceCode.text);
    const checkUnpipes = mayUnpipeOtherDestinations(sourceCode.text);
    const checkSettledWaiters = maySettleWaitersWithoutRemoving(sourceCode.text);
    const checkReplacedEmitters = mayLeaveListenersOnReplacedEmitters(sourceCode.text);
    const checkSharedValueListeners = mayAddInlineListeners(sourceCode.text);
    const checkOverwrittenTimers = mayOverwriteTimers(sourceCode.text);
    const checkForeignTimers = mayClearForeignTimers(sourceCode.text);
    const checkCallbackDescriptors = mayLeakCallbackDescriptors(sourceCode.text);
    const checkChainReleases = mayReleaseInChains(sourceCode.text);
    const checkKeptTimers = mayKeepTimers(sourceCode.text);
    const checkForgottenTimers = mayForgetTimers(sourceCode.text);
    const checkSiblingIntervals = mayLeaveIntervalsBySiblings(sourceCode.text);
    const checkPipedDestinations = mayDestroyPipedDestinations(sourceCode.text);
    const checkRacedTimerHandles = mayRaceTimerHandles(sourceCode.text);
    const checkEndOnlyCleanups = mayCleanUpOnlyOnEnd(sourceCode.text);
    const checkUnwatchedFiles = mayLeaveFilesWatched(sourceCode.text);
    const checkEphemeralServers = mayLeaveEphemeralServers(sourceCode.text);
    const checkReplacedResources = mayReplaceResources(sourceCode.text);
    const checkDroppedTimers = mayDropTimersOfStoppable(sourceCode.text);
    const checkRepeatedListeners = mayAddRepeatedListeners(sourceCode.text);
    const checkUncalledReleases = mayLeaveReleasesUncalled(sourceCode.text);
    const reportedFailures = new WeakSet<TSESTree.Node>();

    function onFactoryCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const acquisition = matchAcquisition(sourceCode, catalog, node, moduleNames);
      if (!acquisition) return;
      if (acquisition.holder.kind === 'declaration') catalogDeclarators.add(acquisition.holder.declarator);
      if (isPendingResourcePromise(context, acquisition)) return;
      checkCatalogAcquisition(context, acquisition);
    }

    return {
      ImportDeclaration(node) {
        for (const name of getConstructorModuleNames(catalog, node)) moduleNames.add(name);
      },
      VariableDeclarator(node) {
        for (const name of getConstructorModuleNames(catalog, node)) moduleNames.add(name);
      },
      CallExpression(node) {
        if (checkWriteStreams) checkUnendedWriteStream(context, node);
        if (checkSettleListeners) checkListenerLeftOnSettle(context, node);
        onFactoryCall(node);
        if (checkPipes) checkResponsePipe(context, node);
        if (checkPipedFiles) checkPipedFileSource(context, node);
        if (checkCollectedTimers) checkCollectedTimer(context, node);
        if (checkAbortListeners) checkAbortListener(context, node);
        if (checkProcessListeners) checkProcessListener(context, node);
        // (on `process.stdout`/`stderr`/`stdin`, never on `process` itself: not a listener checkProcessListener judges)
        if (checkInstanceFreeListeners) checkInstanceFreeListener(context, node);
        if (checkFailureReleases) checkFailureReleasesOf(context, node, reportedFailures);
        if (checkSettleTimers) checkSettleTimer(context, node);
        if (checkDroppedTimeouts) checkDroppedTimeout(context, node);
        if (checkDeferredRacers) checkDeferredRacer(context, node);
        if (checkRacedTimerPromises) checkRacedTimerPromise(context, node);
        if (checkLastingRacers) checkLastingPromiseRaced(context, node);
        if (checkWaitListeners) checkWaitListenerKept(context, node);
        if (checkFinallyReleases) checkReleaseSkippedInFinally(context, node);
        if (checkRearmedIntervals) checkRearmedInterval(context, node);
        if (checkDroppedEmitters) checkListenerLeftByTeardown(context, node);
        if (checkSubscriptions) checkUncancelledSubscription(context, node);
        if (checkIdleTimeouts) checkIdleTimeout(context, node);
        if (checkTeardownAdds) checkTeardownAdd(context, node);
        if (checkTeardownListeners) checkTeardownListener(context, node);
        if (checkUnremovableListeners) checkUnremovableListener(context, node);
        if (checkUnremovableListeners) checkListenerLeftByRival(context, node);
        if (checkMismatchedRemovals) checkMismatchedRemoval(context, node);
        if (checkMismatchedRemovals) checkListenerRemovedFromOtherEvent(context, node);
        if (checkMismatchedRemovals) checkListenerFactoryRemoved(context, node);
        if (checkBoundRemovals) checkBoundListenerRemovedAsNew(context, node);
        if (checkOtherEmitterRemovals) checkRemovalFromOtherEmitter(context, node);
        if (checkSelfRemovals) checkSelfRemovalInsteadOfSibling(context, node);
        if (checkUnpipes) checkUnpipeOfOtherDestination(context, node);
        if (checkSettledWaiters) checkSettledWaiter(context, node);
        if (checkSharedValueListeners) checkListenerOnSharedValue(context, node);
        if (checkOverwrittenTimers) checkOverwrittenTimer(context, node);
        if (checkForeignTimers) checkForeignTimer(context, node);
        if (checkCallbackDescriptors) checkCallbackDescriptor(context, node);
        if (checkChainReleases) checkChainRelease(context, node);
        if (checkKeptTimers) checkKeptTimer(context, node);
        if (checkSiblingIntervals) checkIntervalLeftBySiblings(context, node);
        if (checkPipedDestinations) checkDestroyOfPipedDestination(context, node);
        if (checkRacedTimerHandles) checkRacedTimerHandle(context, node);
        if (checkEndOnlyCleanups) checkEndOnlyCleanup(context, node);
        if (checkUnwatchedFiles) checkUnwatchedFile(context, node);
        if (checkEphemeralServers) checkEphemeralServer(context, node);
        if (checkDroppedTimers) checkTimerDroppedByStop(context, node);
        if (checkRepeatedListeners) checkRepeatedListener(context, node);
        if (checkUncalledReleases) checkUncalledRelease(context, node);
        if (checkSkippedRemovals) checkSkippedRemoval(context, node);
        if (checkMediaStreams) checkMediaStream(context, node);
        if (checkObjectUrls) checkObjectUrl(context, node);
        if (checkUnreadResponses) checkUnreadResponse(context, node);
        if (checkDoubledEndListeners) checkDoubledEndListener(context, node);
        if (checkReconnectTimers) checkDroppedReconnectTimer(context, node);
        if (checkPromisedCleanups) checkPromisedCleanup(context, node);
        if (checkImportTimers) checkImportTimer(context, node);
        if (checkLoadTimers) checkTimerLoopAtLoad(context, node);
        if (checkPropListeners) checkPropListenerRemoval(context, node);
        if (checkCleanupListeners) checkListenerMissedByCleanup(context, node);
        if (checkRestartedListeners) checkRestartedProcessListener(context, node);
      },
      AwaitExpression(node) {
        if (checkUncalledReleases) checkUncalledRelease(context, node);
      },
      ExpressionStatement(node) {
        if (checkBusyFlags) checkBusyFlag(context, node);
        if (checkHeldLocks) checkHeldLock(context, node);
        if (checkDroppedResponses) checkDroppedResponse(context, node);
        if (checkDroppedCreations) checkDroppedCreation(context, node);
      },
      VariableDeclaration(node) {
        if (checkHeldLocks) checkHeldLock(context, node);
      },
      ForOfStatement(node) {
        if (checkSettledWaiters) checkSettledWaiter(context, node);
      },
      ObjectExpression(node) {
        if (checkIteratorReturns) checkIteratorReturn(context, node);
      },
      AssignmentExpression(node) {
        if (checkReplacedEmitters) checkReplacedEmitter(context, node);
        if (checkForgottenTimers) checkForgottenTimer(context, node);
        if (checkReplacedResources) checkReplacedResource(context, node);
        if (checkSocketHandlers) checkReplacedSocketHandler(context, node);
      },
      NewExpression: onFactoryCall,
      'VariableDeclarator:exit'(node: TSESTree.VariableDeclarator) {
        if (checkHelperReleases) checkHelperSkippedRelease(context, node);
        if (catalogDeclarators.has(node)) return;
        if (checkTypedDeclarator(context, node) || !checkInferred) return;
        const inferred = matchInferredAcquisition(sourceCode, node);
        if (inferred) checkInferredAcquisition(context, inferred);
      },
    };
  },
});

/** `var client = new Client()` handed to two functions of the file on two paths, released by one and not the other. */
function checkHelperSkippedRelease(context: Context, declarator: TSESTree.VariableDeclarator): void {
  const found = findHelperSkippedRelease(context.sourceCode, declarator);
  if (!found) return;
  const data = { name: found.name, constructor: shortText(context.sourceCode.getText(found.creation.callee), 40), releasing: found.releasing, method: found.method, skipping: found.skipping, line: String(found.handOff.loc.start.line) };
  reportAt(context, found.creation, 'releasedByOneHelper', data);
}

/** A process listener added by a function that the file runs again and again. */
function checkRestartedProcessListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findRestartedProcessListener(context.sourceCode, call);
  if (!found) return;
  const data = { verb: found.verb, event: found.event, adder: found.adder, via: shortText(context.sourceCode.getText(found.via.callee), 40), line: String(found.via.loc.start.line) };
  reportAt(context, call, 'processListenerPerRestart', data);
}

/** A listener that the cleanup handed back beside it does not take off. */
function checkListenerMissedByCleanup(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerMissedByCleanup(context.sourceCode, call);
  if (!found) return;
  const removal = getCalleeMember(found.removal);
  const data = {
    cleanup: found.cleanup ? `\`${found.cleanup}\` ` : '',
    emitter: shortText(found.emitter, 40),
    line: String(found.removal.loc.start.line),
    event: found.event,
    handler: shortText(found.handler, 40),
    remove: removal ? (getStaticPropertyName(removal) ?? 'off') : 'off',
  };
  reportAt(context, call, 'listenerMissedByCleanup', data);
}

/** A listener read from `this.props` when added and read again when taken off. */
function checkPropListenerRemoval(context: Context, call: TSESTree.CallExpression): void {
  const found = findPropListenerRemoval(context.sourceCode, call);
  if (found) reportAt(context, call, 'propListenerRemoved', { prop: found.prop, event: found.event, line: String(found.add.loc.start.line) });
}

/** A report on `node`, underlined where `reportLocation` says (the shapes' checks below all report this way). */
function reportAt(context: Context, node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
  context.report({ node, loc: reportLocation(context.sourceCode, node), messageId, data });
}

/** `v.destroy(); cb(error)` on one failure, and another failure handed to `cb` while `v` is still held. */
function checkFailureReleasesOf(context: Context, release: TSESTree.CallExpression, reported: WeakSet<TSESTree.Node>): void {
  const sourceCode = context.sourceCode;
  for (const failure of findFailuresWithoutRelease(sourceCode, release)) {
    if (reported.has(failure.handOff)) continue;
    reported.add(failure.handOff);
    reportAt(context, failure.handOff, 'failureNotReleased', { name: failure.resource, callback: failure.callback, line: String(failure.releasedFailure.loc.start.line), release: shortText(sourceCode.getText(failure.release), 40) });
  }
}

/** A promise's timeout cleared before one settle and not before another. */
function checkSettleTimer(context: Context, call: TSESTree.CallExpression): void {
  const armed = findTimerLeftArmed(context.sourceCode, call);
  if (!armed) return;
  for (const settle of armed.armedSettles) {
    reportAt(context, settle, 'timerLeftArmed', { timer: armed.name, line: String(armed.clearedSettle.loc.start.line) });
  }
}

/** `Promise.all(list.map((c) => c.close))`, `await client.close;`: a release method named where its call was meant. */
function checkUncalledRelease(context: Context, node: TSESTree.AwaitExpression | TSESTree.CallExpression): void {
  for (const { member, method } of findUncalledReleases(context, node)) {
    const name = shortText(context.sourceCode.getText(member).replace(/\s*\.\s*/g, '.'), 40);
    context.report({
      node: member,
      messageId: 'releaseNotCalled',
      data: { name, method, waiter: node.type === AST_NODE_TYPES.AwaitExpression ? '`await`' : `\`Promise.${getStaticPropertyName(node.callee as TSESTree.MemberExpression)}\`` },
      suggest: [{ messageId: 'callRelease', data: { name }, fix: (fixer) => fixer.insertTextAfter(member, '()') }],
    });
  }
}

/** A racer whose timer starts its work late, the handle thrown away: when another racer wins, the work still starts. */
function checkDeferredRacer(context: Context, call: TSESTree.CallExpression): void {
  const found = findDeferredRacer(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'deferredRacerNeverCleared', { work: shortText(context.sourceCode.getText(found.work.callee), 40), line: String(found.race.loc.start.line) });
}

/** A promise's timeout whose handle is thrown away while the promise can settle another way. */
function checkDroppedTimeout(context: Context, call: TSESTree.CallExpression): void {
  const dropped = findTimeoutNeverCleared(context.sourceCode, call);
  if (!dropped) return;
  const line = String(dropped.other.node.loc.start.line);
  if (dropped.lateEffect) {
    reportAt(context, call, 'unrefedTimeoutNeverCleared', { line, effect: shortText(context.sourceCode.getText(dropped.lateEffect), 40) });
    return;
  }
  reportAt(context, call, dropped.other.kind === 'race' ? 'raceTimeoutNeverCleared' : 'timeoutNeverCleared', { line });
}

/** Another module's timer promise raced against work and never cancelled. */
function checkRacedTimerPromise(context: Context, call: TSESTree.CallExpression): void {
  const found = findRacedTimerPromise(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'racedTimerPromiseNeverCleared', { helper: shortText(found.helper, 40), line: String(found.race.loc.start.line) });
}

/** A `subscribe…` stream relayed into the emitter the function hands back, with no way to cancel it. */
function checkUncancelledSubscription(context: Context, call: TSESTree.CallExpression): void {
  const found = findUncancelledSubscription(context.sourceCode, call);
  if (found) reportAt(context, call, 'subscriptionNeverCancelled', { stream: shortText(found.stream, 30), emitter: shortText(found.emitter, 30) });
}

/** A fetch response dropped with its body unread (`droppedResponses.ts`). */
function checkDroppedResponse(context: Context, statement: TSESTree.ExpressionStatement): void {
  const found = findDroppedResponse(context.sourceCode, statement);
  if (found) reportAt(context, found.call, 'responseDropped', { callee: shortText(found.callee, 40), line: String(found.reader.loc.start.line) });
}

/** A one-event wait built on a listener that stays on a global target (`waitListeners.ts`). */
function checkWaitListenerKept(context: Context, call: TSESTree.CallExpression): void {
  const found = findWaitListenerKept(context.sourceCode, call);
  if (found) reportAt(context, call, 'waitListenerKept', { event: shortText(found.event, 30), target: shortText(found.target, 30), caller: found.caller === '' ? 'the function around it' : `\`${shortText(found.caller, 30)}\`` });
}

/** A listener one teardown takes off and another, letting the emitter go, leaves (`droppedEmitters.ts`). */
function checkListenerLeftByTeardown(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerLeftByTeardown(context.sourceCode, call);
  if (found) reportAt(context, call, 'listenerLeftByTeardown', { event: shortText(found.event, 30), emitter: found.emitter, remover: found.remover, teardown: found.teardown });
}

/** An interval armed over the one its field holds by a method run twice (`rearmedIntervals.ts`). */
function checkRearmedInterval(context: Context, call: TSESTree.CallExpression): void {
  const found = findRearmedInterval(context.sourceCode, call);
  if (found) reportAt(context, call, 'intervalRearmed', { method: found.method, field: found.field, rerun: found.rerun, line: String(found.rerunAt.loc.start.line) });
}

/** A release in a `finally` after an `await` of the same value there (`finallyReleases.ts`). */
function checkReleaseSkippedInFinally(context: Context, call: TSESTree.CallExpression): void {
  const found = findReleaseSkippedInFinally(call);
  if (!found) return;
  const sourceCode = context.sourceCode;
  reportAt(context, call, 'releaseSkippedInFinally', {
    release: shortText(sourceCode.getText(call), 40),
    risk: shortText(sourceCode.getText(found.risk), 50),
    line: String(found.risk.loc.start.line),
    name: found.name,
  });
}

/** A promise the class made once, raced on every call (`lastingRacers.ts`). */
function checkLastingPromiseRaced(context: Context, call: TSESTree.CallExpression): void {
  const found = findLastingPromiseRaced(context.sourceCode, call);
  if (found) reportAt(context, found.racer, 'lastingPromiseRaced', { field: shortText(found.field, 40), maker: found.maker === 'constructor' ? 'the constructor' : `\`${found.maker}\`` });
}

/**
 * A socket's or request's idle-timeout handler that never closes it. The suggestion destroys it first in an inline
 * handler; for a request only when the file listens for its 'error' (a request destroyed before its response emits one).
 */
function checkIdleTimeout(context: Context, call: TSESTree.CallExpression): void {
  const found = findIdleTimeoutLeftOpen(context.sourceCode, call);
  if (!found) return;
  const handler = getStaticPropertyName(call.callee as TSESTree.MemberExpression) === 'setTimeout' ? `\`${found.name}.setTimeout\` callback` : "'timeout' handler";
  const data = { name: found.name, what: found.what, handler };
  const handlerFunction = found.handler;
  const canDestroy = isFunctionNode(handlerFunction) && (found.what === 'socket' || found.hasErrorListener);
  context.report({
    node: call,
    loc: reportLocation(context.sourceCode, call),
    messageId: 'idleTimeoutLeavesOpen',
    data,
    suggest: canDestroy ? [{ messageId: 'destroyOnTimeout', data, fix: (fixer) => destroyFirst(context.sourceCode, fixer, handlerFunction, found.name) }] : null,
  });
}

function destroyFirst(sourceCode: TSESLint.SourceCode, fixer: TSESLint.RuleFixer, handler: FunctionNode, name: string): TSESLint.RuleFix {
  const body = handler.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return fixer.replaceText(body, `(${name}.destroy(), ${sourceCode.getText(body)})`);
  const first = body.body[0]!;
  const indent = sourceCode.lines[first.loc.start.line - 1]!.slice(0, first.loc.start.column);
  return fixer.insertTextBefore(first, body.loc.start.line === first.loc.start.line ? `${name}.destroy(); ` : `${name}.destroy();\n${indent}`);
}

/** A listener added, where a remove was meant, by the function that takes the listeners off. */
function checkTeardownAdd(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerAddedInTeardown(context.sourceCode, call);
  if (!found) return;
  const data = { event: found.event, line: String(found.setup.loc.start.line), remove: found.remove };
  if (found.teardown === null) reportAt(context, call, 'listenerAddedInCleanup', data);
  else reportAt(context, call, 'listenerAddedInTeardown', { ...data, teardown: found.teardown });
}

/** A listener method of the instance that the class's teardown does not take off, where it takes others off. */
function checkTeardownListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerKeptPastTeardown(context.sourceCode, call);
  if (!found) return;
  if (found.handler === null) {
    reportAt(context, call, 'inlineListenerKeptPastTeardown', { event: found.event ?? 'this', emitter: shortText(found.emitter, 40), teardown: found.teardown });
    return;
  }
  reportAt(context, call, 'listenerKeptPastTeardown', { handler: shortText(found.handler, 40), teardown: found.teardown });
}

/** An inline listener on an emitter that outlives the instance, where the file takes other listeners off it. */
function checkUnremovableListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findUnremovableListener(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'unremovableListener', { event: found.event, emitter: shortText(found.emitter, 40), line: String(found.removal.loc.start.line) });
}

/** An inline `once` listener its rival's event leaves behind. */
function checkListenerLeftByRival(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerLeftByRival(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'listenerLeftByRival', { event: found.event, rival: found.rival, emitter: shortText(found.emitter, 40) });
}

/** A field's timer armed again by another listener of the same emitter, the old one not cleared. */
function checkOverwrittenTimer(context: Context, call: TSESTree.CallExpression): void {
  const found = findOverwrittenTimer(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'timerOverwritten', { holder: shortText(found.holder, 40), event: found.event, other: found.otherEvent, line: String(found.other.loc.start.line) });
}

/** A package's timer cleared with the global `clearTimeout`, which cancels nothing. */
function checkForeignTimer(context: Context, call: TSESTree.CallExpression): void {
  const found = findForeignTimerCleared(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'foreignTimerCleared', { holder: shortText(found.holder, 40), module: found.module, line: String(found.arm.loc.start.line), clear: found.globalClear, packageClear: shortText(found.clear, 50) });
}

/** An inline listener added to a value that may be the shared one of a registry, on every run. */
function checkListenerOnSharedValue(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerOnSharedValue(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'listenerOnSharedValue', { event: found.event, name: found.name, registry: shortText(found.registry, 40), line: String(found.reuse.loc.start.line) });
}

/** A removal that matches no listener: the capture flag of the add left out, or the event left out. */
function checkMismatchedRemoval(context: Context, call: TSESTree.CallExpression): void {
  const found = findMismatchedRemoval(context.sourceCode, call);
  if (!found) return;
  const sourceCode = context.sourceCode;
  const line = String(found.add.loc.start.line);
  const listener = shortText(found.listener, 40);
  const target = shortText(found.target, 40);
  if (found.kind === 'capture') {
    const flag = found.addedWithCapture ? 'true' : 'false';
    const options = found.call.arguments[2];
    context.report({
      node: call,
      loc: reportLocation(sourceCode, call),
      messageId: 'removalMissesCapture',
      data: {
        listener,
        target,
        how: found.addedWithCapture ? 'without the capture flag' : 'with the capture flag',
        added: found.addedWithCapture ? 'with capture (`true`)' : 'without it',
        line,
        event: found.event ?? '',
        flag,
      },
      suggest: [
        {
          messageId: 'passCapture',
          data: { flag },
          fix: (fixer) => (options ? fixer.replaceText(options, flag) : fixer.insertTextAfter(found.call.arguments[1] as TSESTree.Node, `, ${flag}`)),
        },
      ],
    });
    return;
  }
  const member = getCalleeMember(call);
  const method = member ? sourceCode.getText(member) : 'off';
  const event = found.event === null ? null : sourceCode.getText(found.add.arguments[0] as TSESTree.Node);
  context.report({
    node: call,
    loc: reportLocation(sourceCode, call),
    messageId: 'removalWithoutEvent',
    data: { method: shortText(method, 40), listener, line, event: event ?? 'event' },
    suggest:
      event === null
        ? []
        : [{ messageId: 'passEvent', data: { event }, fix: (fixer) => fixer.insertTextBefore(found.call.arguments[0] as TSESTree.Node, `${event}, `) }],
  });
}

/** A listener bound at the add, "taken off" by binding it again. */
function checkBoundListenerRemovedAsNew(context: Context, call: TSESTree.CallExpression): void {
  const found = findBoundListenerRemovedAsNew(context.sourceCode, call);
  if (!found) return;
  const member = getCalleeMember(call);
  reportAt(context, call, 'boundListenerRemovedAsNew', {
    bound: shortText(found.bound, 40),
    target: shortText(member ? context.sourceCode.getText(member.object) : 'emitter', 40),
    event: found.event,
    line: String(found.removal.loc.start.line),
  });
}

/** A removal that names the function that builds the listener instead of the listener. */
function checkListenerFactoryRemoved(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerFactoryRemoved(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'listenerFactoryRemoved', { factory: shortText(found.factory, 40), event: found.event, line: String(found.add.loc.start.line) });
}

/**
 * A listener that takes its sibling's event off another emitter. The suggestion names the sibling's emitter when
 * it is a plain variable the handler does not shadow.
 */
function checkRemovalFromOtherEmitter(context: Context, call: TSESTree.CallExpression): void {
  const found = findRemovalFromOtherEmitter(context.sourceCode, call);
  const member = getCalleeMember(call);
  if (!found || !member) return;
  const sourceCode = context.sourceCode;
  const meant = sourceCode.getText(found.meant);
  const data = { event: found.event, named: shortText(found.named, 40), meant: shortText(meant, 40), line: String(found.sibling.loc.start.line) };
  const handler = getEnclosingFunction(call);
  const shadowed = handler?.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === meant) ?? true;
  const canName = found.meant.type === AST_NODE_TYPES.Identifier && !shadowed;
  context.report({
    node: call,
    loc: reportLocation(sourceCode, call),
    messageId: 'removalFromOtherEmitter',
    data,
    suggest: canName ? [{ messageId: 'removeFromMeantEmitter', data, fix: (fixer) => fixer.replaceText(member.object, meant) }] : null,
  });
}

/** An emitter in a field replaced with only some of the file's listeners moved to the new one. */
function checkReplacedEmitter(context: Context, assignment: TSESTree.AssignmentExpression): void {
  const found = findListenersLeftOnReplacedEmitter(context.sourceCode, assignment);
  if (!found) return;
  const events = found.missing.map((event) => `'${event}'`).join(', ');
  reportAt(context, assignment.left, 'listenersLeftOnReplacedEmitter', { field: shortText(found.field, 40), events: shortText(events, 60), line: String(found.firstAdd.loc.start.line) });
}

/** A queue of waiters a listener settles all at once without emptying it. */
function checkSettledWaiter(context: Context, node: TSESTree.CallExpression | TSESTree.ForOfStatement): void {
  const found = findWaitersSettledNotRemoved(context.sourceCode, node);
  if (!found) return;
  reportAt(context, node.type === AST_NODE_TYPES.ForOfStatement ? node.right : node, 'waitersSettledNotRemoved', { queue: shortText(found.queue, 40), event: found.event, line: String(found.served.loc.start.line) });
}

/** `unpipe(x)` of a destination the source is never piped into. */
function checkUnpipeOfOtherDestination(context: Context, call: TSESTree.CallExpression): void {
  const found = findUnpipeOfOtherDestination(context.sourceCode, call);
  if (!found) return;
  const destination = context.sourceCode.getText(found.pipe.arguments[0] as TSESTree.Node);
  reportAt(context, call, 'unpipeOfOtherDestination', { named: shortText(found.named, 40), destination: shortText(destination, 40), line: String(found.pipe.loc.start.line) });
}

/** A one-shot listener that takes itself off where it means its sibling. */
function checkSelfRemovalInsteadOfSibling(context: Context, call: TSESTree.CallExpression): void {
  const found = findSelfRemovalInsteadOfSibling(context.sourceCode, call);
  if (!found) return;
  const target = getCalleeMember(call)?.object;
  reportAt(context, call, 'selfRemovedInsteadOfSibling', {
    listener: found.listener,
    sibling: found.siblingName,
    line: String(found.sibling.loc.start.line),
    target: shortText(target ? context.sourceCode.getText(target) : 'the emitter', 40),
  });
}

/** A listener the file takes off only an event it was never added for. */
function checkListenerRemovedFromOtherEvent(context: Context, call: TSESTree.CallExpression): void {
  const found = findListenerRemovedFromOtherEvent(context.sourceCode, call);
  if (!found) return;
  const sourceCode = context.sourceCode;
  const member = getCalleeMember(call);
  const eventArgument = found.removal.arguments[0] as TSESTree.Node;
  const line = String(found.removal.loc.start.line);
  context.report({
    node: call,
    loc: reportLocation(sourceCode, call),
    messageId: 'listenerRemovedFromOtherEvent',
    data: {
      listener: shortText(sourceCode.getText(call.arguments[1] as TSESTree.Node), 40),
      target: shortText(member ? sourceCode.getText(member.object) : 'emitter', 40),
      event: found.event,
      removed: found.removedEvent,
      line,
    },
    suggest: [{ messageId: 'removeFromEvent', data: { event: found.event, line }, fix: (fixer) => fixer.replaceText(eventArgument, sourceCode.getText(call.arguments[0] as TSESTree.Node)) }],
  });
}

/** A descriptor callback-style `fs.open` hands over that nothing closes. */
function checkCallbackDescriptor(context: Context, call: TSESTree.CallExpression): void {
  for (const left of findDescriptorsLeftByFailure(context.sourceCode, call)) {
    reportAt(context, call, 'descriptorLeftByFailure', { operation: left.operation, callback: left.callback, name: left.name, line: String(left.failure.loc.start.line) });
  }
  const leaked = findDescriptorNeverClosed(context.sourceCode, call);
  if (!leaked) return;
  if (leaked.kept) reportAt(context, call, 'descriptorKeptPastStop', { field: leaked.kept.field, stop: leaked.kept.stop });
  else reportAt(context, call, 'descriptorNeverClosed', { name: leaked.name, how: leaked.unused ? ' (nor used)' : ' (only read from or written to)' });
}

/**
 * A release in a `.then` of the chain that uses the value, which no failure of the chain reaches; not in scripts and
 * examples, which end with the process.
 */
function checkChainRelease(context: Context, call: TSESTree.CallExpression): void {
  const found = findChainReleaseOnlyOnSuccess(call);
  if (!found || getCodeRole(context, call) === 'one-shot') return;
  // `client\n  .ensureTable` reads `client.ensureTable`
  const risk = shortText(context.sourceCode.getText(found.risk.callee).replace(/\s*\.\s*/g, '.'), 40);
  reportAt(context, call, 'releasedOnlyOnChainSuccess', { name: found.name, risk: `${risk}()`, line: String(found.risk.loc.start.line) });
}

function checkKeptTimer(context: Context, call: TSESTree.CallExpression): void {
  const kept = findKeptTimer(context.sourceCode, call);
  if (!kept) return;
  if (kept.field === null) {
    reportAt(context, call, 'intervalDroppedInStoppableClass', { stop: kept.stop });
    return;
  }
  reportAt(context, call, 'timerKeptByStop', {
    field: kept.field,
    stop: kept.stop,
    timer: kept.repeating ? 'an interval' : 'a timeout',
    until: kept.repeating ? ' for good' : ' until it fires',
    clear: kept.repeating ? 'clearInterval' : 'clearTimeout',
  });
}

/** `res = res.pipe(unzip)`, later `res.destroy()`: the destination closed where the source was meant. */
function checkDestroyOfPipedDestination(context: Context, call: TSESTree.CallExpression): void {
  const found = findDestroyOfPipedDestination(context.sourceCode, call);
  if (!found) return;
  const method = getStaticPropertyName(getCalleeMember(call)!) ?? 'destroy';
  reportAt(context, call, 'destroyOfPipedDestination', { name: found.name, line: String(found.reassignment.loc.start.line), method });
}

/** A released resource replaced, unreleased, by a function that runs again and again. */
function checkReplacedResource(context: Context, assignment: TSESTree.AssignmentExpression): void {
  const found = findReplacedResource(context.sourceCode, assignment);
  if (!found) return;
  const release = shortText(context.sourceCode.getText(found.release), 40);
  reportAt(context, assignment, 'resourceReplacedUnreleased', { holder: shortText(found.holder, 40), line: String(found.release.loc.start.line), release });
}

/** A server on a picked port that nothing closes. */
function checkEphemeralServer(context: Context, call: TSESTree.CallExpression): void {
  const found = findEphemeralServer(context.sourceCode, call);
  if (found) reportAt(context, call, 'ephemeralServerNeverClosed', { server: shortText(found.server, 40) });
}

/** A file poller nothing stops. */
function checkUnwatchedFile(context: Context, call: TSESTree.CallExpression): void {
  const found = findUnwatchedFile(context.sourceCode, call);
  if (found) reportAt(context, call, 'fileWatchedForGood', { owner: found.owner ? `\`${found.owner}\`` : 'the function' });
}

/** A socket's or stream's records undone only on its 'end'. */
function checkEndOnlyCleanup(context: Context, call: TSESTree.CallExpression): void {
  const found = findEndOnlyCleanup(context.sourceCode, call);
  if (found) reportAt(context, call, 'cleanupOnlyOnEnd', { receiver: shortText(found.receiver, 40), bookkeeping: found.bookkeeping });
}

/** A timer's handle raced as if it were a promise. */
function checkRacedTimerHandle(context: Context, call: TSESTree.CallExpression): void {
  const found = findRacedTimerHandle(context.sourceCode, call);
  if (found) reportAt(context, call, 'timerHandleRaced', { timer: found.timer, line: String(found.race.loc.start.line) });
}

/** An interval in a variable nothing clears, beside timers the code clears. */
function checkIntervalLeftBySiblings(context: Context, call: TSESTree.CallExpression): void {
  const left = findIntervalLeftBySiblings(context.sourceCode, call);
  if (left) reportAt(context, call, 'intervalLeftBySiblings', { name: left.name, sibling: left.sibling, line: String(left.siblingClear.loc.start.line) });
}

/** What each arming call leaves pending, as the message names it. */
const PENDING_OF_ARM: Readonly<Record<string, string>> = {
  setTimeout: 'timeout', setInterval: 'interval', setImmediate: 'immediate', requestAnimationFrame: 'animation frame', requestIdleCallback: 'idle callback',
};

/** `this.pendingFrame = null` in a teardown, with the frame or timer it holds never cancelled. */
function checkForgottenTimer(context: Context, assignment: TSESTree.AssignmentExpression): void {
  const forgotten = findForgottenTimer(context.sourceCode, assignment);
  if (!forgotten) return;
  reportAt(context, assignment, 'timerForgottenByTeardown', {
    method: forgotten.method, field: forgotten.field, arm: forgotten.arm, cancel: forgotten.cancel, what: PENDING_OF_ARM[forgotten.arm] ?? 'timer',
  });
}

/** A timer whose handle is thrown away by code that can be stopped. */
function checkTimerDroppedByStop(context: Context, call: TSESTree.CallExpression): void {
  const found = findTimerDroppedByStop(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'timerDroppedByStop', {
    timer: found.repeating ? 'interval' : 'timeout',
    stop: found.stop,
    until: found.repeating ? 'for good' : 'until it fires',
    runs: found.work === null ? 'runs its callback' : `runs \`${found.work}\``,
    owner: `\`${shortText(found.factory, 40)}\` object`,
    clear: found.repeating ? 'clearInterval' : 'clearTimeout',
  });
}

/**
 * A listener added again whenever a listener of the same emitter runs, on every pass of a loop that waits for it, or
 * to the socket of every request.
 */
function checkRepeatedListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findRepeatedListener(context.sourceCode, call);
  if (!found || getCodeRole(context, call) === 'one-shot') return;
  switch (found.kind) {
    case 'event':
      reportAt(context, call, 'listenerPerEvent', { added: found.added, emitter: shortText(found.emitter, 40), repeat: found.repeat });
      return;
    case 'iteration': {
      const via = found.helper ? ` (through \`${found.helper}()\`)` : '';
      reportAt(context, call, 'listenerPerIteration', { event: found.event, emitter: found.emitter, line: String(found.loop.loc.start.line), via });
      return;
    }
    case 'socket':
      reportAt(context, call, 'listenerPerSocket', { event: found.event, socket: found.socket });
      return;
    case 'servedRequest':
      reportAt(context, call, 'listenerPerServedRequest', { event: found.event, socket: shortText(found.socket, 40) });
      return;
    case 'callEvent':
      reportAt(context, call, 'listenerPerCallEvent', { event: shortText(found.event, 40), emitter: shortText(found.emitter, 40), unique: shortText(found.unique, 30) });
      return;
  }
}

/** `signal.addEventListener('abort', …)` on the caller's signal, never removed. */
function checkAbortListener(context: Context, call: TSESTree.CallExpression): void {
  const kept = findKeptAbortListener(context.sourceCode, call);
  if (!kept) return;
  reportAt(context, call, 'abortListenerKept', { signal: shortText(context.sourceCode.getText(kept.signal), 40) });
}

/** `process.on(…)` in a method of a class that can be stopped, never taken off. */
function checkProcessListener(context: Context, call: TSESTree.CallExpression): void {
  const kept = findKeptProcessListener(context.sourceCode, call);
  if (!kept) return;
  if (kept.target === 'process') reportAt(context, call, 'processListenerKept', { verb: kept.verb, event: kept.event, method: kept.method, stop: kept.stop });
  else reportAt(context, call, 'pageListenerKept', { target: kept.target, event: kept.event, method: kept.method, stop: kept.stop });
}

/** `process.stdout.on('error', …)` in a method, using nothing of the instance: one more for every instance. */
function checkInstanceFreeListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findInstanceFreeListener(context.sourceCode, call);
  if (found) reportAt(context, call, 'listenerPerInstance', { receiver: found.receiver, verb: found.verb, event: found.event, method: found.method });
}

/** `this.timeoutIds.push(setTimeout(…))` where only the teardown ever takes handles out. */
function checkCollectedTimer(context: Context, call: TSESTree.CallExpression): void {
  const collected = findCollectedTimer(context.sourceCode, call);
  if (collected) reportAt(context, call, 'timerHandlesKept', { collection: collected.collection });
}

/** `if (this.busy) return; this.busy = true; … await …` with a way out that leaves `this.busy` set. */
function checkBusyFlag(context: Context, statement: TSESTree.ExpressionStatement): void {
  const left = findBusyFlagLeftSet(context.sourceCode, statement);
  if (!left) return;
  const exit = left.exit === null ? 'the end of the function' : `${describeExit(left.exit)} on line ${left.exit.loc.start.line}`;
  reportAt(context, statement, 'busyFlagLeftSet', { flag: shortText(left.flag, 40), guard: String(left.guard.loc.start.line), exit });
}

/** A listener a promise's executor takes off when the promise settles one way and not another. */
function checkListenerLeftOnSettle(context: Context, call: TSESTree.CallExpression): void {
  const left = findListenerLeftOnSettle(context.sourceCode, call);
  if (left) reportAt(context, call, 'listenerLeftOnSettle', { event: left.event, target: shortText(left.target, 30), removed: String(left.removedAt.loc.start.line), left: String(left.leftAt.loc.start.line) });
}

/** `const stream = fs.createWriteStream(dest); stream.write(…);` and never an `end()`. */
function checkUnendedWriteStream(context: Context, call: TSESTree.CallExpression): void {
  const open = findUnendedWriteStream(context.sourceCode, call);
  if (open) reportAt(context, call, 'writeStreamNeverEnded', { name: open.name });
}

/** `await lock.acquire(); … await work(); lock.release();` with a way out that leaves the lock taken. */
function checkHeldLock(context: Context, statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration): void {
  const left = findLockLeftHeld(context.sourceCode, statement);
  if (!left) return;
  const exit = left.exit === null ? 'the end of the function' : `${describeExit(left.exit)} on line ${left.exit.loc.start.line}`;
  reportAt(context, statement, 'lockLeftHeld', { lock: shortText(left.lock, 40), line: String(left.release.loc.start.line), exit });
}

/** `target.on(event, listener); … await …; target.off(event, listener)`: the removal a rejection skips. */
function checkSkippedRemoval(context: Context, call: TSESTree.CallExpression): void {
  const skipped = findListenerRemovalSkipped(context.sourceCode, call);
  if (!skipped) return;
  const target = getCalleeMember(call)?.object;
  reportAt(context, call, 'listenerRemovalSkipped', {
    event: skipped.event,
    target: target ? shortText(context.sourceCode.getText(target), 30) : 'the target',
    line: String(skipped.removal.loc.start.line),
    exit: `${describeExit(skipped.exit)} on line ${skipped.exit.loc.start.line}`,
  });
}

/** `runQuery();` of an async function that returns a cleanup: the cleanup is dropped with the promise. */
function checkPromisedCleanup(context: Context, call: TSESTree.CallExpression): void {
  const dropped = findPromisedCleanup(context.sourceCode, call);
  if (dropped) reportAt(context, call, 'cleanupInPromise', { callee: shortText(context.sourceCode.getText(call.callee), 40), release: shortText(context.sourceCode.getText(dropped.release), 40) });
}

/** `{ next: () => inner.next().then(f), return: () => Promise.resolve({ done: true }) }`: the inner iterator is never closed. */
function checkIteratorReturn(context: Context, object: TSESTree.ObjectExpression): void {
  const found = findUnforwardedIteratorReturn(context.sourceCode, object);
  if (found) reportAt(context, found.node, 'iteratorReturnNotForwarded', { inner: shortText(found.inner, 30) });
}

/** `res.on('close', onClosed); res.on('end', onClosed);` where `onClosed` reconnects. */
function checkDoubledEndListener(context: Context, call: TSESTree.CallExpression): void {
  const found = findDoubledEndListener(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'endListenerDoubled', { listener: shortText(found.listener, 40), first: found.firstEvent, second: found.secondEvent, line: String(found.firstLine), emitter: shortText(found.emitter, 30) });
}

/** `this._closeSocket(); this.socket = new WebSocket(url); this.socket.onclose = this._onClose.bind(this);` where the close leaves the old handler on. */
function checkReplacedSocketHandler(context: Context, assignment: TSESTree.AssignmentExpression): void {
  const found = findReplacedSocketHandler(context.sourceCode, assignment);
  if (!found) return;
  reportAt(context, assignment, 'socketHandlerLeftOnReplace', { closer: shortText(found.closer, 40), line: String(found.closerLine), socket: shortText(found.socket, 30), event: found.event });
}

/** `conn.on('close', () => { setTimeout(() => self.connect(), delay); })` on an object with a `disconnect()`. */
function checkDroppedReconnectTimer(context: Context, call: TSESTree.CallExpression): void {
  const found = findDroppedReconnectTimer(context.sourceCode, call);
  if (!found) return;
  reportAt(context, call, 'reconnectTimerDropped', { work: shortText(found.work, 40), event: found.event, stop: found.stop });
}

/** `await createNewSession(this);` where the function makes and returns a session. */
function checkDroppedCreation(context: Context, statement: TSESTree.ExpressionStatement): void {
  const found = findDroppedCreation(context.sourceCode, statement);
  if (!found) return;
  reportAt(context, statement, 'createdResourceDropped', { callee: shortText(found.callee, 40), made: found.made });
}

/** `http.request(options, (res) => { done(); })`: a response nobody reads. */
function checkUnreadResponse(context: Context, call: TSESTree.CallExpression): void {
  const found = findUnreadResponse(context.sourceCode, call);
  if (!found || getCodeRole(context, call) !== 'service') return;
  const response = found.response ? `\`${found.response.name}\`` : 'the response (it takes no parameter)';
  reportAt(context, call, 'responseNeverRead', { callee: found.callee, response, name: found.response?.name ?? 'res' });
}

/** `new Worker(URL.createObjectURL(blob))`: an object URL nothing can revoke. */
function checkObjectUrl(context: Context, call: TSESTree.CallExpression): void {
  const found = findUnrevocableObjectUrl(call);
  if (found) reportAt(context, call, 'objectUrlNeverRevoked', { consumer: found.consumer });
}

/** `await navigator.mediaDevices.getUserMedia(…)` whose stream nothing stops. */
function checkMediaStream(context: Context, call: TSESTree.CallExpression): void {
  const opened = findMediaStreamNotStopped(context.sourceCode, call);
  if (opened) reportAt(context, call, 'mediaStreamNotStopped', { method: opened.method });
}

/** A self-arming timer started by an instance the module makes as it is loaded. */
function checkTimerLoopAtLoad(context: Context, call: TSESTree.CallExpression): void {
  const found = findPerpetualTimerAtLoad(context.sourceCode, call);
  if (found && getCodeRole(context, call) === 'service') reportAt(context, call, 'timerLoopAtLoad', { loop: shortText(found.loop, 30), factory: shortText(found.factory, 30) });
}

/** `setInterval(flush, 60_000)` at the top level of a library module. */
function checkImportTimer(context: Context, call: TSESTree.CallExpression): void {
  const armed = findTimerArmedAtImport(context.sourceCode, call);
  if (!armed || getCodeRole(context, call) !== 'service') return;
  const until = armed.repeating ? 'for good' : `until it fires, ${Math.round((armed.delay ?? 0) / 60_000)} min later`;
  reportAt(context, call, 'timerArmedAtImport', { timer: armed.repeating ? 'interval' : 'timeout', until });
}

function describeExit(exit: TSESTree.Node): string {
  if (exit.type === AST_NODE_TYPES.ReturnStatement) return 'the `return`';
  if (exit.type === AST_NODE_TYPES.ThrowStatement) return 'the `throw`';
  return 'a rejection of the `await`';
}

/** `fs.createReadStream(f).pipe(out).on('error', …)`: the file stays open when `out` fails. */
function checkPipedFileSource(context: Context, call: TSESTree.CallExpression): void {
  const piped = findPipedFileSource(context.sourceCode, call);
  if (!piped || getCodeRole(context, call) !== 'service') return;
  const file = piped.open.arguments[0] ? shortText(context.sourceCode.getText(piped.open.arguments[0]), 40) : 'the file';
  reportAt(context, piped.open, 'pipeSourceLeftOpen', { file, line: String(piped.errorLine) });
}

/** `source.pipe(res)` in a request handler that does nothing when the client goes away first. */
function checkResponsePipe(context: Context, call: TSESTree.CallExpression): void {
  const pipe = findResponsePipe(context.sourceCode, call);
  if (!pipe || getCodeRole(context, call) !== 'service') return;
  const source = shortText(context.sourceCode.getText(pipe.source), 40);
  reportAt(context, call, 'pipedIntoResponse', { source, response: pipe.response.name });
}

function describeResource(acquisition: Acquisition, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const { holder, resource, call } = acquisition;
  const factory = `${call.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${shortText(sourceCode.getText(call.callee), 30)}()`;
  if (holder.kind === 'declaration' || holder.kind === 'assignment') return `'${holder.id.name}' (${resource.entry.label} from \`${factory}\`)`;
  return `The ${resource.entry.label} from \`${factory}\``;
}

/** How the catalog says to release it, as a sentence fragment: `` `h.close()` ``, `` `fs.closeSync(fd)` ``. */
function describeRelease(acquisition: Acquisition, name: string | null, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const call = name === null ? null : releaseCallText(acquisition, name, sourceCode);
  if (call) return `\`${call}\``;
  const [first] = acquisition.resource.entry.dispose;
  if (!first) return 'a release';
  const asFunction = /^([\w$]+)\(resource\)$/.exec(first);
  if (asFunction) return `\`${asFunction[1]}(${name ?? '…'})\``;
  return name === null ? `\`${first}()\`` : `\`${name}.${first}()\``;
}

/**
 * The first release the catalog lists, spelled for this code: `h.close()`, `fs.closeSync(fd)` (the module as the
 * factory call names it), `pool.release(r)` (the factory's owner). Null when it cannot be spelled.
 */
function releaseCallText(acquisition: Acquisition, name: string, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const { entry, factory } = acquisition.resource;
  const [first] = entry.dispose;
  if (!first) return null;
  const asFunction = /^([\w$]+)\(resource\)$/.exec(first);
  if (!asFunction) return `${name}.${first}()`;
  const callee = skipExpressionWrappers(acquisition.call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const object = skipExpressionWrappers(callee.object);
  const simpleOwner =
    object.type === AST_NODE_TYPES.Identifier ||
    (object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.ThisExpression && !object.computed);
  if (!simpleOwner) return null;
  if (factory.kind !== 'method' && factory.path.length !== 1) return null; // `fs.promises.x` has no `fs.promises.closeSync`
  return `${sourceCode.getText(object)}.${asFunction[1]}(${name})`;
}

function describeRisk(risk: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  switch (risk.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return 'the `await`';
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return `the call \`${shortText(sourceCode.getText(risk.callee), 30)}()\``;
    case AST_NODE_TYPES.ReturnStatement:
      return 'the `return`';
    case AST_NODE_TYPES.ThrowStatement:
      return 'the `throw`';
    case AST_NODE_TYPES.YieldExpression:
      return 'the `yield`';
    case AST_NODE_TYPES.BreakStatement:
      return 'the `break`';
    case AST_NODE_TYPES.ContinueStatement:
      return 'the `continue`';
    default:
      return 'code';
  }
}

function checkCatalogAcquisition(context: Context, acquisition: Acquisition): void {
  const sourceCode = context.sourceCode;
  const fn = acquisition.functionNode;
  const { holder, resource, call } = acquisition;
  if (!fn) return; // module level: lives as long as the program
  const what = describeResource(acquisition, sourceCode);
  switch (holder.kind) {
    case 'escaped':
      return;
    case 'discarded':
    case 'used-once':
      if (resource.entry.checkUnreleased) {
        const remedy = 'Keep it in a variable and release it in a `finally` block';
        reportAt(context, call, 'neverReleased', { what, release: describeRelease(acquisition, null, sourceCode), remedy });
      }
      return;
    case 'declaration':
    case 'assignment':
      break;
  }
  const id = holder.id;
  if (holder.kind === 'declaration') {
    const declaration = holder.declarator.parent;
    if (declaration.kind === 'await using') return;
    if (declaration.kind === 'using') {
      if (resource.entry.asyncDisposable) reportUsingAsync(context, declaration, what, fn);
      return;
    }
  }
  const spec = releaseSpecFor(acquisition);
  const analysis = analyzeRelease(sourceCode, fn, acquisition.value, id, spec);
  if (analysis.verdict.kind === 'ok') return;
  if (analysis.verdict.kind === 'never-released' && !resource.entry.checkUnreleased) return;
  const release = describeRelease(acquisition, id.name, sourceCode);
  const disposal: Disposal | null = resource.entry.asyncDisposable
    ? { async: true, sync: false, typeName: resource.entry.label }
    : holder.kind === 'declaration'
      ? typedDisposal(context, id)
      : null;
  const suggest =
    holder.kind === 'declaration'
      ? buildSuggestions(context, holder.declarator, fn, analysis, disposal, generateReleaseText(acquisition, id.name, fn, sourceCode))
      : [];
  reportVerdict(context, call, analysis, { what, release, remedy: remedyFor(disposal, release) }, suggest);
}

function typedDisposal(context: Context, id: TSESTree.Identifier): Disposal | null {
  const services = getTypedServices(context);
  return services ? getTypeDisposal(services, id) : null;
}

interface VerdictText {
  readonly what: string;
  readonly release: string;
  readonly remedy: string;
}

function remedyFor(disposal: Disposal | null, release: string): string {
  if (!disposal) return `Call ${release} in a \`finally\` block`;
  const keyword = disposal.async ? '`await using`' : '`using`';
  return `Declare it with ${keyword}, or call ${release} in a \`finally\` block`;
}

function reportVerdict(context: Context, node: TSESTree.Node, analysis: ReleaseAnalysis, text: VerdictText, suggest: SuggestionList): void {
  const { verdict } = analysis;
  if (verdict.kind === 'never-released') {
    context.report({ node, loc: reportLocation(context.sourceCode, node), messageId: 'neverReleased', data: { ...text }, suggest });
  } else if (verdict.kind === 'released-on-success') {
    context.report({
      node,
      loc: reportLocation(context.sourceCode, node),
      messageId: 'releasedOnlyOnSuccess',
      data: { ...text, risk: describeRisk(verdict.risk, context.sourceCode), line: String(verdict.risk.loc.start.line) },
      suggest,
    });
  }
}

function reportUsingAsync(context: Context, declaration: TSESTree.VariableDeclaration, what: string, fn: FunctionNode): void {
  const keyword = context.sourceCode.getFirstToken(declaration);
  if (!keyword) return;
  context.report({
    node: keyword,
    messageId: 'usingAsyncDisposable',
    data: { what },
    // `using` on a value that has only [Symbol.asyncDispose] throws when the block exits: `await using` is the one
    // correct form, so it is an automatic fix where `await` is allowed.
    fix: canAwaitIn(fn) ? (fixer) => fixer.insertTextBefore(keyword, 'await ') : null,
  });
}

/** The release statement the try/finally suggestion adds when the code has none: null when it cannot be spelled. */
function generateReleaseText(acquisition: Acquisition, name: string, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const prefix = acquisition.resource.entry.asyncRelease ? (canAwaitIn(fn) ? 'await ' : null) : '';
  const call = releaseCallText(acquisition, name, sourceCode);
  return prefix === null || call === null ? null : `${prefix}${call};`;
}

function buildSuggestions(
  context: Context,
  declarator: TSESTree.VariableDeclarator,
  fn: FunctionNode,
  analysis: ReleaseAnalysis,
  disposal: Disposal | null,
  generatedRelease: string | null,
): SuggestionList {
  const sourceCode = context.sourceCode;
  const target = getRewritableDeclaration(declarator);
  if (!target || target.declaration.kind === 'var' || getEnclosingFunction(target.declaration) !== fn) return [];
  const { declaration, id, block } = target;
  if (analysis.releases.length > 1) return [];
  const [release] = analysis.releases;
  const releaseStatement = release ? getStandaloneReleaseStatement(block, declaration, release) : null;
  if (release && !releaseStatement) return [];

  const awaitInserts = getAwaitInserts(context, block, declaration, fn);
  if (!awaitInserts) return [];
  const keyword = disposal ? (disposal.async && canAwaitIn(fn) ? 'await using' : disposal.sync ? 'using' : null) : null;
  if (keyword && (!releaseStatement || isLastUseOf(sourceCode, id, releaseStatement)) && hasSingleWrite(sourceCode, id)) {
    // The edits become one replacement from the keyword to the last of them (see MAX_SUGGESTION_SPAN).
    if (isTooLongToRewrite(declaration.range[0], Math.max(releaseStatement?.range[1] ?? declaration.range[1], ...awaitInserts))) return [];
    return [
      {
        messageId: 'suggestUsing',
        data: { name: id.name, keyword },
        fix: (fixer) => {
          const replaced = replaceDeclarationKeyword(sourceCode, fixer, declaration, keyword);
          if (!replaced) return [];
          const fixes = [replaced, ...awaitInserts.map((at) => fixer.insertTextAfterRange([at, at], 'await '))];
          return releaseStatement ? [...fixes, removeStatement(sourceCode, fixer, releaseStatement)] : fixes;
        },
      },
    ];
  }
  const releaseText = releaseStatement ? sourceCode.getText(releaseStatement) : (generatedRelease ?? disposalReleaseText(disposal, id.name, fn));
  if (!releaseText) return [];
  const fix = buildTryFinallyFix(sourceCode, target, releaseText, releaseStatement, awaitInserts);
  if (!fix) return [];
  return [{ messageId: 'suggestTryFinally', data: { release: releaseText }, fix }];
}

/** Globals whose calls never return a promise: `return Number(x)` needs no `await`. */
const SYNC_GLOBALS: ReadonlySet<string> = new Set([
  'Number', 'String', 'Boolean', 'BigInt', 'Symbol', 'Object', 'Array', 'JSON', 'Math', 'Date', 'RegExp', 'Error', 'TypeError',
  'RangeError', 'Buffer', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent', 'structuredClone', 'Map', 'Set',
]);

/**
 * Where to insert `await ` so that returned promises settle before the release (`return client.query(sql)` →
 * `return await client.query(sql)`). Null when a returned promise cannot be awaited (the function is not async).
 */
function getAwaitInserts(context: Context, block: TSESTree.BlockStatement, declaration: TSESTree.Node, fn: FunctionNode): number[] | null {
  const inserts: number[] = [];
  for (const argument of getReturnedCalls(context.sourceCode, block, declaration)) {
    if (!mayBePromise(context, argument)) continue;
    if (!canAwaitIn(fn)) return null;
    inserts.push(argument.range[0]);
  }
  return inserts;
}

function mayBePromise(context: Context, node: TSESTree.Expression): boolean {
  if (isPromiseExpression(context, node)) return true;
  const services = getTypedServices(context);
  if (services && hasInformativeType(services, node)) return false;
  const call = skipExpressionWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return false;
  const reference = resolveModuleReference(context.sourceCode, call.callee);
  const first = reference?.path[0];
  return !(reference?.module === GLOBAL_MODULE && first !== undefined && SYNC_GLOBALS.has(first));
}

function disposalReleaseText(disposal: Disposal | null, name: string, fn: FunctionNode): string | null {
  if (!disposal) return null;
  if (disposal.async && canAwaitIn(fn)) return `await ${name}[Symbol.asyncDispose]();`;
  return disposal.sync ? `${name}[Symbol.dispose]();` : null;
}

function hasSingleWrite(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): boolean {
  const variable = sourceCode.getDeclaredVariables(id.parent).find((candidate) => candidate.name === id.name);
  return variable !== undefined && variable.references.filter((reference) => reference.isWrite()).length === 1;
}

const TYPED_SPEC: ReleaseSpec = uncataloguedSpec({ releaseMethods: GENERIC_RELEASE_METHODS, syncCallsCanThrow: true });

/** `server.listen(…)` somewhere: a server started here is meant to outlive the function. */
function isStartedServer(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): boolean {
  const variable = sourceCode.getDeclaredVariables(id.parent).find((candidate) => candidate.name === id.name);
  return (variable?.references ?? []).some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && getStaticPropertyName(parent) === 'listen';
  });
}

/** `stack.use(x)` / `stack.adopt(x, …)` return a value the stack now owns. */
function isBorrowingCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return callee.property.type === AST_NODE_TYPES.Identifier && !callee.computed && (callee.property.name === 'use' || callee.property.name === 'adopt');
}

/**
 * With types: `const x = makeThing()` whose type has `[Symbol.asyncDispose]`/`[Symbol.dispose]`. True when the
 * declaration is settled here (reported, or a `using` declaration), so nothing else judges it.
 */
function checkTypedDeclarator(context: Context, declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return false;
  let init = skipExpressionWrappers(declarator.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipExpressionWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) return false;
  const services = getTypedServices(context);
  if (!services || isBorrowingCall(init)) return false;
  const fn = getEnclosingFunction(declarator);
  if (!fn) return false;
  const declaration = declarator.parent;
  if (declaration.kind === 'await using') return true;
  const id = declarator.id;
  const sourceCode = context.sourceCode;
  if (declaration.kind === 'using') {
    const disposal = getTypeDisposal(services, id);
    if (disposal?.async && !disposal.sync) reportUsingAsync(context, declaration, `'${id.name}' (${disposal.typeName})`, fn);
    return true;
  }
  const analysis = analyzeRelease(sourceCode, fn, declarator.init, id, TYPED_SPEC);
  if (analysis.verdict.kind === 'ok') return false;
  // A type with [Symbol.asyncDispose] is not by itself a resource this function must release (an app instance
  // from a factory, a long-lived client): the function's own release on the happy path says it is, or its
  // construction here with `new` (a session, a disposable stack); a server it starts listening is meant to live.
  if (analysis.verdict.kind === 'never-released' && (init.type !== AST_NODE_TYPES.NewExpression || isStartedServer(sourceCode, id))) return false;
  const disposal = getTypeDisposal(services, id);
  if (!disposal) return false;
  const what = `'${id.name}' (${disposal.typeName})`;
  const release = disposal.async ? `\`${id.name}[Symbol.asyncDispose]()\`` : `\`${id.name}[Symbol.dispose]()\``;
  const suggest = buildSuggestions(context, declarator, fn, analysis, disposal, null);
  reportVerdict(context, init, analysis, { what, release, remedy: remedyFor(disposal, release) }, suggest);
  return true;
}

/**
 * A value the catalog does not know, that the code says is a resource (see `inferredResources.ts`): reported in
 * long-running code only (not in scripts, start-up code or worker threads), when a path skips the function's own
 * release, or, for a client checked out of a pool, when nothing releases it.
 */
function checkInferredAcquisition(context: Context, acquisition: InferredAcquisition): void {
  const { kind, id, declarator, call, functionNode: fn, spec } = acquisition;
  const sourceCode = context.sourceCode;
  const analysis = analyzeRelease(sourceCode, fn, acquisition.value, id, spec);
  if (analysis.verdict.kind === 'ok') return;
  if (analysis.verdict.kind === 'never-released') {
    // only a pool checkout, and only where the file gives such checkouts back elsewhere (the file's own word)
    if (kind !== 'pooled' || acquisition.checkoutMethod === null || !getReleasedCheckoutMethods(sourceCode).has(acquisition.checkoutMethod)) return;
  }
  if (getCodeRole(context, declarator) !== 'service') return;
  const factory = `${call.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${shortText(sourceCode.getText(call.callee), 30)}()`;
  const what = kind === 'pooled' ? `'${id.name}' (a client checked out with \`${factory}\`)` : `'${id.name}' (from \`${factory}\`)`;
  const [released] = analysis.releases;
  const suggested = acquisition.suggestedRelease;
  const releaseCall = released?.type === AST_NODE_TYPES.CallExpression ? shortText(sourceCode.getText(released), 40) : (suggested?.call ?? `${id.name}.release()`);
  const release = `\`${releaseCall}\``;
  const generated = suggested ? `${suggested.awaited && canAwaitIn(fn) ? 'await ' : ''}${suggested.call};` : null;
  const suggest = buildSuggestions(context, declarator, fn, analysis, null, generated);
  reportVerdict(context, call, analysis, { what, release, remedy: remedyFor(null, release) }, suggest);
}
