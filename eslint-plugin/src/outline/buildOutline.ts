import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getAwaitedValue } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getEnclosingFunction, isDirective, isFunctionNode, pushChildrenLastFirst, shortText, skipExpressionWrappers } from '../core/ast';
import { type AsyncContextKind, getFunctionAsyncContext, getAsyncContext } from '../roles/asyncContext';
import { getCodeRole } from '../roles/codeRole';
import { repeatsWithInput } from '../roles/pluginHooks';
import { findIndependentPredecessor } from '../concurrency/awaitDependencies';
import { BlockingAnalyzer, type BlockingOptions } from '../blocking/blockingCalls';
import { findCallbackLazyInit } from '../concurrency/callbackLazyInits';
import { findChainedLazyInit } from '../concurrency/chainedLazyInits';
import { findListenerMissedByCleanup, mayMissListenersInCleanup } from '../resources/cleanupListeners';
import { findPropListenerRemoval, mayRemovePropListeners } from '../resources/propListeners';
import { findRestartedProcessListener, mayRestartProcessListeners } from '../resources/restartedListeners';
import { findWorkDetachedBeforeDone } from '../promises/workDetachedBeforeDone';
import { analyzeFanOut, findLimitGivenToArrayMap, isUnboundedFanOut, type FanOut } from '../concurrency/fanOut';
import { type FloatingOptions, type FloatingReason, findDanglingFieldPromise, findFloatingPromise, findNestedPromiseArrays, findPromiseAwaitedLate, findPromiseReturnedToCallback, isDanglingStoredPromise } from '../promises/floatingPromises';
import { resolveLocalCallables } from '../modules/localFunctions';
import { findUnawaitedReturn, type SkippedGuard } from '../promises/unawaitedReturn';
import { findPromiseAwaitedAfterTry } from '../promises/promisesAwaitedAfterTry';
import { findAssignmentRace, findGuardedRace, type Race } from '../concurrency/racesAcrossAwait';
import { findRedirectBeforeSessionSave, mayRedirectBeforeSessionSave } from '../concurrency/sessionRedirects';
import { findFieldUsedAfterAwait, mayUseFieldsAfterAwait } from '../concurrency/staleGuards';
import { findWorkAfterStop, mayWorkAfterStop } from '../concurrency/stoppedGuards';
import { findForgottenChildProcess, mayForgetChildProcesses } from '../promises/forgottenChildProcesses';
import { findSwappedState } from '../concurrency/swappedState';
import { getResourceCatalog, matchAcquisition, type ResourceCatalog } from '../resources/resourceAnalysis';
import type { UserResourceEntry } from '../resources/resourceCatalog';
import { findKeptAbortListener, findKeptProcessListener } from '../resources/keptListeners';
import { findInstanceFreeListener, mayAddInstanceFreeListeners } from '../resources/instanceFreeListeners';
import { findTimeoutNeverCleared, findTimerLeftArmed } from '../resources/settleTimers';
import { findDeferredRacer } from '../resources/deferredRacers';
import { findKeptTimer } from '../resources/keptTimers';
import { findRepeatedListener, mayAddRepeatedListeners } from '../resources/repeatedListeners';
import { findListenerAddedInTeardown, mayAddInTeardown } from '../resources/teardownAdds';
import { findListenerKeptPastTeardown, mayKeepListenersPastTeardown } from '../resources/teardownListeners';
import { findForeignTimerCleared, mayClearForeignTimers } from '../resources/foreignTimers';
import { findWaitersSettledNotRemoved, maySettleWaitersWithoutRemoving, type WaitersSettledNotRemoved } from '../resources/settledWaiters';
import { findListenersLeftOnReplacedEmitter, mayLeaveListenersOnReplacedEmitters } from '../resources/replacedEmitters';
import { findForgottenTimer, mayForgetTimers } from '../resources/forgottenTimers';
import { findIntervalLeftBySiblings, mayLeaveIntervalsBySiblings } from '../resources/siblingIntervals';
import { findDestroyOfPipedDestination, mayDestroyPipedDestinations } from '../resources/repipedStreams';
import { findRacedTimerHandle, mayRaceTimerHandles } from '../resources/racedTimerHandles';
import { findEndOnlyCleanup, mayCleanUpOnlyOnEnd } from '../resources/endOnlyCleanups';
import { findUnwatchedFile, mayLeaveFilesWatched } from '../resources/unwatchedFiles';
import { findEphemeralServer, mayLeaveEphemeralServers } from '../resources/ephemeralServers';
import { findEarlyReturnToPool, mayPoolEarly } from '../concurrency/earlyReturnsToPools';
import { findReplacedResource, mayReplaceResources } from '../resources/replacedResources';
import { findPromiseInTemplate, findPromiseWrittenByCall, mayWritePromisesAsData, type PromiseAsData } from '../promises/promisesAsData';
import { findListenerLeftByRival, findListenerOnSharedValue, findUnremovableListener, mayAddInlineListeners, mayAddUnremovableListeners } from '../resources/anonymousListeners';
import { findBoundListenerRemovedAsNew, findListenerFactoryRemoved, findListenerRemovedFromOtherEvent, findMismatchedRemoval, findRemovalFromOtherEmitter, findSelfRemovalInsteadOfSibling, findUnpipeOfOtherDestination, mayMismatchRemovals, mayRemoveFromOtherEmitters, mayRemoveNewBoundListeners, mayRemoveSelfInsteadOfSibling, mayUnpipeOtherDestinations } from '../resources/mismatchedRemovals';
import { findIdleTimeoutLeftOpen, mayLeaveIdleConnectionsOpen } from '../resources/idleTimeouts';
import { findPipedFileSource, mayPipeFileSources } from '../resources/pipedFileSources';
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
import { findBusyFlagLeftSet, mayLeaveBusyFlagsSet } from '../resources/busyFlags';
import { findLockLeftHeld, mayLeaveLocksHeld } from '../resources/heldLocks';
import { findUnendedWriteStream, mayLeaveWriteStreamsOpen } from '../resources/unendedWriteStreams';
import { findHelperSkippedRelease, mayLeaveHelperReleases } from '../resources/helperReleases';
import { findListenerLeftOnSettle, mayLeaveListenersOnSettle } from '../resources/settleListeners';
import { findCollectedTimer, mayCollectTimers } from '../resources/collectedTimers';
import { findRacedTimerPromise, mayRaceTimerPromises } from '../resources/racedTimerPromises';
import { findLastingPromiseRaced, mayRaceLastingPromises } from '../resources/lastingRacers';
import { findWaitListenerKept, mayKeepWaitListeners } from '../resources/waitListeners';
import { findDroppedResponse, mayDropResponses } from '../resources/droppedResponses';
import { findUncancelledSubscription, maySubscribeWithoutCancel } from '../resources/uncancelledSubscriptions';
import { findTeardownDuringConnect, mayTearDownDuringConnect } from '../concurrency/teardownDuringConnect';
import { findDeleteRacingRead, mayDeleteWhileReading } from '../concurrency/concurrentDeletes';
import { findRestoredBatch, mayRestoreBatches } from '../concurrency/restoredBatches';
import { findReleaseSkippedInFinally, mayReleaseAfterAwaitInFinally } from '../resources/finallyReleases';
import { findRearmedInterval, mayRearmIntervals } from '../resources/rearmedIntervals';
import { findListenerLeftByTeardown, mayLeaveListenersOnDroppedEmitters } from '../resources/droppedEmitters';
import { findUnreturnedMapWork, mayDropMapWork } from '../promises/unreturnedMapWork';
import { findAwaitedHandle, mayAwaitHandles } from '../promises/handleAwaits';
import { findWorkCutByExit, mayCutWorkByExit } from '../promises/exitHandlers';
import { findTimerDroppedByStop, mayDropTimersOfStoppable } from '../resources/droppedTimers';
import { findOverwrittenTimer, mayOverwriteTimers } from '../resources/overwrittenTimers';
import { findDescriptorNeverClosed, mayLeakCallbackDescriptors } from '../resources/callbackDescriptors';
import { findDescriptorsLeftByFailure } from '../resources/descriptorFailures';
import { findChainReleaseOnlyOnSuccess, mayReleaseInChains } from '../resources/chainReleases';
import { findUncalledReleases, mayLeaveReleasesUncalled } from '../resources/uncalledReleases';
import { DEFAULT_MISUSE_OPTIONS, type Misuse, MisuseFinder, type MisuseOptions } from '../promises/misuses';
import { describeMisuse, misuseLabel } from './misuseFacts';
import { describeResourceRelease } from './resourceFacts';
import { codeLabel, MAX_LABEL_LENGTH } from './labels';
import type { AsyncOutline, OutlineNode, OutlineNodeKind, OutlineRange } from './types';
import { nameAsyncUnit } from './unitNames';
import type { AnyRuleContext } from '../core/ruleContext';

/** The options of the rules whose decisions the outline shows, so that it agrees with their diagnostics. */
export interface OutlineOptions {
  readonly blocking: BlockingOptions & { readonly checkHelpers: boolean };
  readonly floating: FloatingOptions & { readonly checkStored: boolean };
  readonly resources: readonly UserResourceEntry[];
  readonly misused: MisuseOptions;
}

export const DEFAULT_OUTLINE_OPTIONS: OutlineOptions = {
  blocking: { blockingCalls: [], allow: [], checkRequire: false, checkHelpers: true },
  floating: { checkVoid: false, checkThenables: false, allowForKnownSafeCalls: [], allowForKnownSafePromises: [], checkStored: true },
  resources: [],
  misused: DEFAULT_MISUSE_OPTIONS,
};

interface MutableNode extends OutlineNode {
  children: MutableNode[];
}

/**
 * Builds the async outline of the file `context` lints: one node per async unit, nested as in the
 * source, with its awaits, fan-outs, detached promises, blocking calls, resources and calls of other
 * units in source order. Every fact comes from the shared analysis the rules use. One row per source
 * expression: an await of something that has a row of its own (a fan-out, a resource) is that row, unless
 * the await itself is a problem (sequential); an awaited or detached call of another unit is the await's
 * or detached row, which names the unit.
 */
export function buildAsyncOutline(context: AnyRuleContext, options: OutlineOptions = DEFAULT_OUTLINE_OPTIONS): AsyncOutline {
  const builder = new OutlineBuilder(context, options);
  builder.visit(context.sourceCode.ast);
  return { summary: builder.summary, units: builder.roots };
}

class OutlineBuilder {
  readonly roots: MutableNode[] = [];
  readonly summary = { asyncUnits: 0, awaits: 0, fanOuts: 0, detached: 0, blocking: 0, leaks: 0, misused: 0 };
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly blocking: BlockingAnalyzer;
  private readonly catalog: ResourceCatalog;
  private readonly unitByFunction = new Map<FunctionNode, MutableNode>();
  private readonly misuses: MisuseFinder;
  /** Functions whose promise `no-misused-async-callback` finds lost, shown on their unit when they are one. */
  private readonly misusedFunctions = new Map<FunctionNode, Misuse>();
  /** Misused rows (a promise used as a condition) that a later row for the same expression takes over (see `add`). */
  private readonly misusedRowOf = new Map<TSESTree.Node, { row: MutableNode; misuse: Misuse }>();
  /** Awaited expressions whose await row gives way to their own row (see `add`), with that await row. */
  private readonly awaitRowOf = new Map<TSESTree.Node, MutableNode>();
  /** Calls of other units an await or detached row already names. */
  private readonly namedCalls = new Set<TSESTree.Node>();
  private readonly raceWrites = new Set<TSESTree.Node>();
  /** The file's text may add listeners again and again (`mayAddRepeatedListeners`): calls are asked only then. */
  private readonly mayAddRepeatedListeners: boolean;
  /** The file's text adds and removes listeners (`mayAddInTeardown`): calls are asked whether a teardown adds one. */
  private readonly mayAddInTeardown: boolean;
  /** The file's text adds instance methods as listeners and takes some off (`mayKeepListenersPastTeardown`). */
  private readonly mayKeepListenersPastTeardown: boolean;
  /** The file's text adds inline listeners and takes some listener off (`mayAddUnremovableListeners`). */
  private readonly mayAddUnremovableListeners: boolean;
  /** The file's text takes an event's listeners off some emitter (`mayRemoveFromOtherEmitters`). */
  private readonly mayRemoveFromOtherEmitters: boolean;
  /** The file's text empties a field of `this` (`mayUseFieldsAfterAwait`). */
  private readonly mayUseFieldsAfterAwait: boolean;
  /** The file's text sets a field of `this` to a boolean (`mayWorkAfterStop`). */
  private readonly mayWorkAfterStop: boolean;
  /** The file's text loads `child_process` (`mayForgetChildProcesses`). */
  private readonly mayForgetChildProcesses: boolean;
  /** The file's text has one-shot listeners and a removal (`mayRemoveSelfInsteadOfSibling`). */
  private readonly mayRemoveSelfInsteadOfSibling: boolean;
  /** The file's text redirects and writes a session it never saves (`mayRedirectBeforeSessionSave`). */
  private readonly mayRedirectBeforeSessionSave: boolean;
  /** The file's text serves a queue with `shift()` and loops (`maySettleWaitersWithoutRemoving`). */
  private readonly maySettleWaitersWithoutRemoving: boolean;
  /** The file's text takes listeners off by event and replaces a field (`mayLeaveListenersOnReplacedEmitters`). */
  private readonly mayLeaveListenersOnReplacedEmitters: boolean;
  /** The file's text gives a variable the stream it pipes into and destroys something (`mayDestroyPipedDestinations`). */
  private readonly mayDestroyPipedDestinations: boolean;
  /** The file's text races a timer (`mayRaceTimerHandles`). */
  private readonly mayRaceTimerHandles: boolean;
  /** The file's text listens for 'end' (`mayCleanUpOnlyOnEnd`). */
  private readonly mayCleanUpOnlyOnEnd: boolean;
  /** The file's text watches a file and never unwatches one (`mayLeaveFilesWatched`). */
  private readonly mayLeaveFilesWatched: boolean;
  /** The file's text listens on port 0 (`mayLeaveEphemeralServers`). */
  private readonly mayLeaveEphemeralServers: boolean;
  /** The file's text releases something by a method (`mayReplaceResources`). */
  private readonly mayReplaceResources: boolean;
  /** The file's text puts into and takes out of lists (`mayPoolEarly`). */
  private readonly mayPoolEarly: boolean;
  /** The file's text arms an interval and clears a timer (`mayLeaveIntervalsBySiblings`). */
  private readonly mayLeaveIntervalsBySiblings: boolean;
  /** The file's text arms a timer or frame and sets a field of `this` to null (`mayForgetTimers`). */
  private readonly mayForgetTimers: boolean;
  /** The file adds a listener to `process` or its standard streams (`instanceFreeListeners.ts`). */
  private readonly mayAddInstanceFreeListeners: boolean;
  private readonly mayRestartProcessListeners: boolean;
  private readonly mayMissListenersInCleanup: boolean;
  private readonly mayRemovePropListeners: boolean;
  /** The file's text writes something out or has a template literal (`mayWritePromisesAsData`). */
  private readonly mayWritePromisesAsData: boolean;
  /** The file's text pipes and unpipes (`mayUnpipeOtherDestinations`). */
  private readonly mayUnpipeOtherDestinations: boolean;
  /** The file's text arms a package's timer and clears some timer globally (`mayClearForeignTimers`). */
  private readonly mayClearForeignTimers: boolean;
  /** The file's text takes some listener off (`mayMismatchRemovals`). */
  private readonly mayMismatchRemovals: boolean;
  /** The file's text takes off a function bound at the call (`mayRemoveNewBoundListeners`). */
  private readonly mayRemoveNewBoundListeners: boolean;
  /** The file's text races promises (`mayRaceTimerPromises`). */
  private readonly mayRaceTimerPromises: boolean;
  /** The file's text races promises and makes some (`mayRaceLastingPromises`). */
  private readonly mayRaceLastingPromises: boolean;
  /** The file's text adds DOM listeners and makes promises (`mayKeepWaitListeners`). */
  private readonly mayKeepWaitListeners: boolean;
  /** The file's text may tear a connection down while a connect is pending (`mayTearDownDuringConnect`). */
  private readonly mayTearDownDuringConnect: boolean;
  /** The file's text deletes files in a `Promise.all` (`mayDeleteWhileReading`). */
  private readonly mayDeleteWhileReading: boolean;
  /** The file's text may hold the thirty-second round's shapes (each analysis's own text test). */
  private readonly mayRestoreBatches: boolean;
  private readonly mayReleaseAfterAwaitInFinally: boolean;
  private readonly mayRearmIntervals: boolean;
  private readonly mayDropMapWork: boolean;
  private readonly mayCutWorkByExit: boolean;
  private readonly mayLeaveListenersOnDroppedEmitters: boolean;
  /** The file's text reads promises off handles (`mayAwaitHandles`). */
  private readonly mayAwaitHandles: boolean;
  /** The file's text arms timeouts and exports something (`mayStartTimersAtLoad`). */
  private readonly mayStartTimersAtLoad: boolean;
  /** The file's text relays a subscription into an emitter (`maySubscribeWithoutCancel`). */
  private readonly maySubscribeWithoutCancel: boolean;
  /** The file's text fetches and reads bodies (`mayDropResponses`). */
  private readonly mayDropResponses: boolean;
  /** The file's text handles a timeout next to Node's networking modules (`mayLeaveIdleConnectionsOpen`). */
  private readonly mayLeaveIdleConnectionsOpen: boolean;
  /** The file's text pipes a file read stream (`mayPipeFileSources`). */
  private readonly mayPipeFileSources: boolean;
  /** The file's text sets something to true (`mayLeaveBusyFlagsSet`). */
  private readonly mayLeaveBusyFlagsSet: boolean;
  /** The file's text releases or unlocks something (`mayLeaveLocksHeld`). */
  private readonly mayLeaveLocksHeld: boolean;
  /** The file's text calls `createWriteStream` (`mayLeaveWriteStreamsOpen`). */
  private readonly mayLeaveWriteStreamsOpen: boolean;
  /** The file's text makes something with `new` and releases something by a method (`mayLeaveHelperReleases`). */
  private readonly mayLeaveHelperReleases: boolean;
  /** The file's text makes promises and takes listeners off (`mayLeaveListenersOnSettle`). */
  private readonly mayLeaveListenersOnSettle: boolean;
  /** The file's text awaits and takes a listener off (`mayRemoveListenersAfterAwait`). */
  private readonly mayRemoveListenersAfterAwait: boolean;
  /** The file's text opens a camera or microphone stream (`mayOpenMediaStreams`). */
  private readonly mayOpenMediaStreams: boolean;
  /** The file's text makes object URLs (`mayCreateObjectUrls`). */
  private readonly mayCreateObjectUrls: boolean;
  /** The file's text may call `http.request`/`get` (`mayLeaveResponsesUnread`). */
  private readonly mayLeaveResponsesUnread: boolean;
  /** The file's text registers a named listener for an ending event (`mayDoubleEndListeners`). */
  private readonly mayDoubleEndListeners: boolean;
  /** The file's text sets a socket's `onclose`/`onerror` and closes something (`mayLeaveSocketHandlersOnReplace`). */
  private readonly mayLeaveSocketHandlersOnReplace: boolean;
  /** The file's text arms a timeout and listens for a closing event (`mayDropReconnectTimers`). */
  private readonly mayDropReconnectTimers: boolean;
  /** The file's text awaits a call named for making something (`mayDropCreations`). */
  private readonly mayDropCreations: boolean;
  /** The file's text may wrap an async iterator in another (`mayWrapAsyncIterators`). */
  private readonly mayWrapAsyncIterators: boolean;
  /** The file's text returns a function that may release something (`mayPromiseCleanups`). */
  private readonly mayPromiseCleanups: boolean;
  /** The file's text arms a timer at the start of a line (`mayArmTimersAtImport`). */
  private readonly mayArmTimersAtImport: boolean;
  /** The file's text collects timeouts' handles (`mayCollectTimers`). */
  private readonly mayCollectTimers: boolean;
  /** The file's text arms a timer and names a stop method (`mayDropTimersOfStoppable`). */
  private readonly mayDropTimersOfStoppable: boolean;
  /** The file's text adds a lasting listener written inline (`mayAddInlineListeners`). */
  private readonly mayAddInlineListeners: boolean;
  /** The file's text may open files with a callback (`mayLeakCallbackDescriptors`). */
  private readonly mayLeakCallbackDescriptors: boolean;
  /** The file's text may release values in promise chains (`mayReleaseInChains`). */
  private readonly mayReleaseInChains: boolean;
  /** The file's text may name a release method without calling it (`mayLeaveReleasesUncalled`). */
  private readonly mayLeaveReleasesUncalled: boolean;

  constructor(
    private readonly context: AnyRuleContext,
    private readonly options: OutlineOptions,
  ) {
    this.sourceCode = context.sourceCode;
    this.blocking = new BlockingAnalyzer(context, options.blocking);
    this.catalog = getResourceCatalog([...options.resources]);
    this.misuses = new MisuseFinder(context, options.misused);
    this.mayAddRepeatedListeners = mayAddRepeatedListeners(this.sourceCode.text);
    this.mayAddInTeardown = mayAddInTeardown(this.sourceCode.text);
    this.mayKeepListenersPastTeardown = mayKeepListenersPastTeardown(this.sourceCode.text);
    this.mayAddUnremovableListeners = mayAddUnremovableListeners(this.sourceCode.text);
    this.mayMismatchRemovals = mayMismatchRemovals(this.sourceCode.text);
    this.mayRemoveNewBoundListeners = mayRemoveNewBoundListeners(this.sourceCode.text);
    this.mayClearForeignTimers = mayClearForeignTimers(this.sourceCode.text);
    this.mayUnpipeOtherDestinations = mayUnpipeOtherDestinations(this.sourceCode.text);
    this.mayLeaveListenersOnReplacedEmitters = mayLeaveListenersOnReplacedEmitters(this.sourceCode.text);
    this.mayForgetTimers = mayForgetTimers(this.sourceCode.text);
    this.mayLeaveIntervalsBySiblings = mayLeaveIntervalsBySiblings(this.sourceCode.text);
    this.mayDestroyPipedDestinations = mayDestroyPipedDestinations(this.sourceCode.text);
    this.mayRaceTimerHandles = mayRaceTimerHandles(this.sourceCode.text);
    this.mayCleanUpOnlyOnEnd = mayCleanUpOnlyOnEnd(this.sourceCode.text);
    this.mayLeaveFilesWatched = mayLeaveFilesWatched(this.sourceCode.text);
    this.mayLeaveEphemeralServers = mayLeaveEphemeralServers(this.sourceCode.text);
    this.mayPoolEarly = mayPoolEarly(this.sourceCode.text);
    this.mayReplaceResources = mayReplaceResources(this.sourceCode.text);
    this.mayWritePromisesAsData = mayWritePromisesAsData(this.sourceCode.text);
    this.maySettleWaitersWithoutRemoving = maySettleWaitersWithoutRemoving(this.sourceCode.text);
    this.mayRedirectBeforeSessionSave = mayRedirectBeforeSessionSave(this.sourceCode.text);
    this.mayRemoveFromOtherEmitters = mayRemoveFromOtherEmitters(this.sourceCode.text);
    this.mayRemoveSelfInsteadOfSibling = mayRemoveSelfInsteadOfSibling(this.sourceCode.text);
    this.mayUseFieldsAfterAwait = mayUseFieldsAfterAwait(this.sourceCode.text);
    this.mayWorkAfterStop = mayWorkAfterStop(this.sourceCode.text);
    this.mayForgetChildProcesses = mayForgetChildProcesses(this.sourceCode.text);
    this.mayRaceTimerPromises = mayRaceTimerPromises(this.sourceCode.text);
    this.mayRaceLastingPromises = mayRaceLastingPromises(this.sourceCode.text);
    this.mayKeepWaitListeners = mayKeepWaitListeners(this.sourceCode.text);
    this.mayTearDownDuringConnect = mayTearDownDuringConnect(this.sourceCode.text);
    this.mayDeleteWhileReading = mayDeleteWhileReading(this.sourceCode.text);
    this.mayRestoreBatches = mayRestoreBatches(this.sourceCode.text);
    this.mayReleaseAfterAwaitInFinally = mayReleaseAfterAwaitInFinally(this.sourceCode.text);
    this.mayRearmIntervals = mayRearmIntervals(this.sourceCode.text);
    this.mayDropMapWork = mayDropMapWork(this.sourceCode.text);
    this.mayCutWorkByExit = mayCutWorkByExit(this.sourceCode.text);
    this.mayLeaveListenersOnDroppedEmitters = mayLeaveListenersOnDroppedEmitters(this.sourceCode.text);
    this.mayAwaitHandles = mayAwaitHandles(this.sourceCode.text);
    this.mayDropResponses = mayDropResponses(this.sourceCode.text);
    this.maySubscribeWithoutCancel = maySubscribeWithoutCancel(this.sourceCode.text);
    this.mayStartTimersAtLoad = mayStartTimersAtLoad(this.sourceCode.text);
    this.mayLeaveIdleConnectionsOpen = mayLeaveIdleConnectionsOpen(this.sourceCode.text);
    this.mayPipeFileSources = mayPipeFileSources(this.sourceCode.text);
    this.mayLeaveBusyFlagsSet = mayLeaveBusyFlagsSet(this.sourceCode.text);
    this.mayLeaveLocksHeld = mayLeaveLocksHeld(this.sourceCode.text);
    this.mayLeaveWriteStreamsOpen = mayLeaveWriteStreamsOpen(this.sourceCode.text);
    this.mayLeaveHelperReleases = mayLeaveHelperReleases(this.sourceCode.text);
    this.mayLeaveListenersOnSettle = mayLeaveListenersOnSettle(this.sourceCode.text);
    this.mayRemoveListenersAfterAwait = mayRemoveListenersAfterAwait(this.sourceCode.text);
    this.mayOpenMediaStreams = mayOpenMediaStreams(this.sourceCode.text);
    this.mayCreateObjectUrls = mayCreateObjectUrls(this.sourceCode.text);
    this.mayLeaveResponsesUnread = mayLeaveResponsesUnread(this.sourceCode.text);
    this.mayDoubleEndListeners = mayDoubleEndListeners(this.sourceCode.text);
    this.mayLeaveSocketHandlersOnReplace = mayLeaveSocketHandlersOnReplace(this.sourceCode.text);
    this.mayDropReconnectTimers = mayDropReconnectTimers(this.sourceCode.text);
    this.mayDropCreations = mayDropCreations(this.sourceCode.text);
    this.mayWrapAsyncIterators = mayWrapAsyncIterators(this.sourceCode.text);
    this.mayPromiseCleanups = mayPromiseCleanups(this.sourceCode.text);
    this.mayArmTimersAtImport = mayArmTimersAtImport(this.sourceCode.text);
    this.mayCollectTimers = mayCollectTimers(this.sourceCode.text);
    this.mayDropTimersOfStoppable = mayDropTimersOfStoppable(this.sourceCode.text);
    this.mayAddInlineListeners = mayAddInlineListeners(this.sourceCode.text);
    this.mayLeakCallbackDescriptors = mayLeakCallbackDescriptors(this.sourceCode.text);
    this.mayReleaseInChains = mayReleaseInChains(this.sourceCode.text);
    this.mayLeaveReleasesUncalled = mayLeaveReleasesUncalled(this.sourceCode.text);
    this.mayAddInstanceFreeListeners = mayAddInstanceFreeListeners(this.sourceCode.text);
    this.mayRestartProcessListeners = mayRestartProcessListeners(this.sourceCode.text);
    this.mayMissListenersInCleanup = mayMissListenersInCleanup(this.sourceCode.text);
    this.mayRemovePropListeners = mayRemovePropListeners(this.sourceCode.text);
  }

  /** Every node under `root` in source order, each with the unit it belongs to (a stack: code nests deeper than the call stack). */
  visit(root: TSESTree.Node): void {
    const nodes: TSESTree.Node[] = [root];
    const units: (MutableNode | null)[] = [null];
    while (nodes.length > 0) {
      const node = nodes.pop() as TSESTree.Node;
      let current = units.pop() ?? null;
      this.describeMisuses(node, current);
      if (node.type === AST_NODE_TYPES.ObjectExpression) this.describeIteratorReturn(node, current);
      if (isFunctionNode(node)) current = this.enterFunction(node, current);
      else if (current) this.describe(node, current);
      else this.describeOutsideUnits(node);
      const firstChild = nodes.length;
      pushChildrenLastFirst(node, nodes, this.sourceCode);
      for (let index = firstChild; index < nodes.length; index++) units.push(current);
    }
  }

  private enterFunction(fn: FunctionNode, unit: MutableNode | null): MutableNode | null {
    const asyncContext = getFunctionAsyncContext(this.sourceCode, fn);
    if (!asyncContext) return null; // a synchronous function: not event-loop code (its callers may be)
    if (asyncContext.functionNode !== fn) return unit; // runs where it is written: part of the enclosing unit
    const misuse = this.misusedFunctions.get(fn);
    const description = misuse ? `${unitDescription(fn, asyncContext.kind)} · ${describeMisuse(misuse)}` : unitDescription(fn, asyncContext.kind);
    return this.addUnit(fn, asyncContext.kind, description, unit, misuse ? MISUSED_RULE : undefined);
  }

  /** The unit of `fn`, named as a unit of `kind`, under `parent` (a root when null). */
  private addUnit(fn: FunctionNode, kind: AsyncContextKind, description: string, parent: MutableNode | null, ruleId?: string): MutableNode {
    const node = this.makeNode('unit', shortText(nameAsyncUnit(this.sourceCode, fn, kind), MAX_LABEL_LENGTH), description, unitIcon(fn), fn, ruleId);
    this.unitByFunction.set(fn, node);
    this.summary.asyncUnits++;
    (parent ? parent.children : this.roots).push(node);
    return node;
  }

  /** Facts about code inside an async unit. */
  private describe(node: TSESTree.Node, unit: MutableNode): void {
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        this.describeUncalledRelease(node, unit);
        this.describeAwaitedHandle(node, unit);
        return this.describeAwait(node, unit);
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) this.add(unit, 'await', `for await (… of ${codeLabel(this.sourceCode, node.right, MAX_LABEL_LENGTH - 15)})`, 'one await per element', 'sync', node.right);
        this.describeSettledWaitersLoop(node, unit);
        return;
      case AST_NODE_TYPES.CallExpression:
        this.describeCall(node, unit);
        this.describeResource(node, unit);
        this.describeKeptListener(node, unit);
        this.describeTimer(node, unit);
        this.describeRepeatedListener(node, unit);
        this.describeTeardownAdd(node, unit);
        this.describeTeardownListener(node, unit);
        this.describeUnremovableListener(node, unit);
        this.describeSharedValueListener(node, unit);
        this.describeMismatchedRemoval(node, unit);
        this.describeIdleTimeout(node, unit);
        this.describePipedFileSource(node, unit);
        this.describeSkippedRemoval(node, unit);
        this.describeMediaStream(node, unit);
        this.describeObjectUrl(node, unit);
        this.describeUnreadResponse(node, unit);
        this.describeDoubledEndListener(node, unit);
        this.describeDroppedReconnectTimer(node, unit);
        this.describePromisedCleanup(node, unit);
        this.describeCollectedTimer(node, unit);
        this.describeCallbackDescriptor(node, unit);
        this.describeChainRelease(node, unit);
        this.describeUncalledRelease(node, unit);
        this.describeSessionRedirect(node, unit);
        this.describePromiseWrittenByCall(node, unit);
        this.describeDestroyOfPipedDestination(node, unit);
        this.describeEndOnlyCleanup(node, unit);
        this.describeUnwatchedFile(node, unit);
        this.describeEphemeralServer(node, unit);
        this.describeEarlyReturnToPool(node, unit);
        this.describeLastingRace(node, unit);
        this.describeDeleteRacingRead(node, unit);
        this.describeUncancelledSubscription(node, unit);
        this.describeFinallyRelease(node, unit);
        this.describeUnreturnedMapWork(node, unit);
        this.describeUnendedWriteStream(node, unit);
        this.describeListenerLeftOnSettle(node, unit);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        this.describePromiseInTemplate(node, unit);
        return;
      case AST_NODE_TYPES.NewExpression:
        this.describeResource(node, unit);
        return;
      case AST_NODE_TYPES.ReturnStatement:
        this.describeReturn(node, unit);
        return;
      case AST_NODE_TYPES.IfStatement:
        this.describeRace(findGuardedRace(this.sourceCode, node), unit);
        this.describeFieldUsedAfterAwait(node, unit);
        this.describeWorkAfterStop(node, unit);
        this.describeCallbackLazyInit(node, unit);
        this.describeChainedLazyInit(node, unit);
        this.describeTeardownDuringConnect(node, unit);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        this.describeRace(findAssignmentRace(this.sourceCode, node), unit);
        this.describeReplacedEmitter(node, unit);
        this.describeForgottenTimer(node, unit);
        this.describeReplacedResource(node, unit);
        this.describeReplacedSocketHandler(node, unit);
        this.describePromiseAwaitedAfterTry(node, unit);
        this.describeRestoredBatch(node, unit);
        return;
      case AST_NODE_TYPES.TryStatement:
        if (node.finalizer) this.describeRace(findSwappedState(this.sourceCode, node), unit);
        return;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement: {
        const busyWait = this.blocking.classifyLoop(node);
        if (busyWait) {
          this.summary.blocking++;
          this.add(unit, 'blocking', `busy-wait on ${busyWait.displayName}`, 'spins the event loop', 'flame', busyWait.test, 'no-blocking-in-async');
        }
        if (node.type === AST_NODE_TYPES.WhileStatement) this.describeRace(findGuardedRace(this.sourceCode, node), unit);
        return;
      }
      case AST_NODE_TYPES.VariableDeclaration:
        this.describeHeldLock(node, unit);
        for (const declarator of node.declarations) this.describeHelperSkippedRelease(declarator, unit);
        return this.describeDetached(node, unit);
      case AST_NODE_TYPES.ExpressionStatement:
        this.describeBusyFlag(node, unit);
        this.describeHeldLock(node, unit);
        this.describeDroppedResponse(node, unit);
        this.describeDroppedCreation(node, unit);
        return this.describeDetached(node, unit);
      default:
        this.describeDetached(node, unit);
    }
  }

  /**
   * Findings of `no-misused-async-callback` placed at `node`: a function whose promise is lost is shown on
   * its own unit (marked when it is entered); anything else (a name, a spread, a condition, a synchronous
   * function returning a promise) as a node of the unit around it, or of the file.
   */
  private describeMisuses(node: TSESTree.Node, unit: MutableNode | null): void {
    for (const misuse of this.misuses.check(node)) {
      this.summary.misused++;
      const fn = misuse.fn;
      if (fn && getFunctionAsyncContext(this.sourceCode, fn)?.functionNode === fn) {
        this.misusedFunctions.set(fn, misuse);
        continue;
      }
      const shown = this.makeNode('misused', misuseLabel(this.sourceCode, misuse), describeMisuse(misuse), 'warning', misuse.node, MISUSED_RULE);
      (unit ? unit.children : this.roots).push(shown);
      if (unit) this.misusedRowOf.set(skipExpressionWrappers(misuse.node), { row: shown, misuse });
    }
  }

  /** At module level only detached promises matter (start-up code may block, and awaits belong to no unit). */
  private describeOutsideUnits(node: TSESTree.Node): void {
    if (node.type === AST_NODE_TYPES.ReturnStatement) return this.describePromiseReturn(node);
    if (node.type === AST_NODE_TYPES.ForOfStatement) return this.describeSettledWaitersLoop(node, null);
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      this.describeReplacedEmitter(node, null);
      this.describeReplacedResource(node, null);
      this.describeReplacedSocketHandler(node, null);
      return this.describeForgottenTimer(node, null);
    }
    if (node.type === AST_NODE_TYPES.TemplateLiteral) return this.describePromiseInTemplate(node, null);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      this.describePromiseWrittenByCall(node, null);
      this.describeDestroyOfPipedDestination(node, null);
      this.describeEndOnlyCleanup(node, null);
      this.describeUnwatchedFile(node, null);
      this.describeEphemeralServer(node, null);
      this.describeEarlyReturnToPool(node, null);
      this.describeUnendedWriteStream(node, null);
      this.describeListenerLeftOnSettle(node, null);
      this.describeTimer(node, null);
      this.describeRepeatedListener(node, null);
      this.describeTeardownAdd(node, null);
      this.describeTeardownListener(node, null);
      this.describeUnremovableListener(node, null);
      this.describeSharedValueListener(node, null);
      this.describeMismatchedRemoval(node, null);
      this.describeIdleTimeout(node, null);
      this.describePipedFileSource(node, null);
      this.describeSkippedRemoval(node, null);
      this.describeMediaStream(node, null);
      this.describeObjectUrl(node, null);
      this.describeUnreadResponse(node, null);
      this.describeDoubledEndListener(node, null);
      this.describeDroppedReconnectTimer(node, null);
      this.describePromisedCleanup(node, null);
      this.describeSessionRedirect(node, null);
      this.describeImportTimer(node);
      this.describeCollectedTimer(node, null);
      this.describeKeptListener(node, null);
      this.describeCallbackDescriptor(node, null);
      this.describeChainRelease(node, null);
      this.describeCallbackFanOut(node);
      this.describeLastingRace(node, null);
      this.describeDeleteRacingRead(node, null);
      this.describeUncancelledSubscription(node, null);
      this.describeUnreturnedMapWork(node, null);
      return;
    }
    if (node.type === AST_NODE_TYPES.IfStatement) {
      this.describeCallbackLazyInit(node, null);
      this.describeTeardownDuringConnect(node, null);
      return this.describeChainedLazyInit(node, null);
    }
    if (node.type === AST_NODE_TYPES.VariableDeclarator) this.describeHelperSkippedRelease(node, null);
    if (node.type === AST_NODE_TYPES.ExpressionStatement || node.type === AST_NODE_TYPES.VariableDeclarator) {
      const detached = this.detachedFacts(node);
      if (detached) {
        this.summary.detached++;
        this.roots.push(this.makeNode('detached', detached.label, detached.description, 'debug-disconnect', detached.node, 'no-floating-promises'));
      }
    }
  }

  private describeAwait(node: TSESTree.AwaitExpression, unit: MutableNode): void {
    this.summary.awaits++;
    const predecessor = findIndependentPredecessor(this.context, node);
    const argument = skipExpressionWrappers(node.argument);
    // the await of another unit of the file names it (no row of its own for the call)
    const callee = argument.type === AST_NODE_TYPES.CallExpression ? this.localAsyncCallee(argument) : null;
    if (callee) this.namedCalls.add(argument);
    const description = predecessor
      ? `sequential: independent of line ${predecessor.loc.start.line}`
      : callee
        ? `calls ${nameAsyncUnit(this.sourceCode, callee, 'async-function')}()`
        : '';
    const row = this.add(unit, 'await', `await ${codeLabel(this.sourceCode, node.argument, MAX_LABEL_LENGTH - 6)}`, description, predecessor ? 'debug-step-over' : 'watch', node, predecessor ? 'prefer-concurrent-awaits' : undefined);
    // a sequential await is a problem of its own: it keeps its row, and what it awaits gets one too
    if (!predecessor) this.awaitRowOf.set(argument, row);
  }

  private describeCall(call: TSESTree.CallExpression, unit: MutableNode): void {
    const fanOut = analyzeFanOut(this.context, call);
    if (fanOut) {
      this.summary.fanOuts++;
      const unbounded = isUnboundedFanOut(fanOut);
      const awaited = this.awaitRowOf.has(call);
      this.add(unit, 'fan-out', awaited ? `await ${fanOut.api}` : fanOut.api, describeFanOut(this.sourceCode, fanOut), unbounded ? 'warning' : 'split-horizontal', call, unbounded ? 'no-unbounded-concurrency' : undefined);
      for (const element of findNestedPromiseArrays(this.context, call, this.options.floating)) {
        this.summary.detached++;
        this.add(unit, 'detached', shortText(`array in ${fanOut.api}`, MAX_LABEL_LENGTH), 'promises it does not wait for', 'debug-disconnect', element, 'no-floating-promises');
      }
      return;
    }
    const asyncContext = getAsyncContext(this.sourceCode, call);
    const operation = this.blocking.classifyCall(call);
    if (operation) {
      if (this.blocking.isAllowed(operation) || !asyncContext || !repeatsWithInput(this.sourceCode, asyncContext, call)) return;
      this.summary.blocking++;
      this.add(unit, 'blocking', `blocks: ${operation.displayName}`, 'blocks the event loop', 'flame', call, 'no-blocking-in-async');
      return;
    }
    const callee = this.localAsyncCallee(call);
    if (callee) {
      if (this.namedCalls.has(call)) return; // its await or detached row names it
      const name = nameAsyncUnit(this.sourceCode, callee, 'async-function');
      this.add(unit, 'call', shortText(`calls ${name}()`, MAX_LABEL_LENGTH), describeCallUse(call), 'call-outgoing', call);
      return;
    }
    if (this.options.blocking.checkHelpers && (!asyncContext || repeatsWithInput(this.sourceCode, asyncContext, null))) {
      const chain = this.blocking.chainOfCall(call);
      if (chain) {
        this.summary.blocking++;
        this.add(unit, 'blocking', shortText(`blocks via ${chain.names[0] ?? 'a helper'}`, MAX_LABEL_LENGTH), `through ${chain.names.join(' → ')}`, 'flame', call, 'no-blocking-in-async');
      }
    }
  }

  /** The async function of this file a call runs, when it is one. */
  private localAsyncCallee(call: TSESTree.CallExpression): FunctionNode | null {
    const callee = resolveLocalCallables(this.sourceCode, call.callee).find((candidate) => isFunctionNode(candidate) && candidate.async);
    return callee && isFunctionNode(callee) ? callee : null;
  }

  private describeResource(call: TSESTree.CallExpression | TSESTree.NewExpression, unit: MutableNode): void {
    const acquisition = matchAcquisition(this.sourceCode, this.catalog, call);
    if (!acquisition) return;
    const release = describeResourceRelease(this.context, acquisition);
    if (!release) return;
    if (release.problem) this.summary.leaks++;
    this.add(unit, 'resource', shortText(`holds ${release.name}`, MAX_LABEL_LENGTH), release.description, release.problem ? 'warning' : 'lock', call, release.problem ? 'require-async-dispose' : undefined);
  }

  /** A listener left on the caller's signal or on `process` (the analysis of `require-async-dispose`). */
  private describeKeptListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const waiting = this.mayKeepWaitListeners ? findWaitListenerKept(this.sourceCode, call) : null;
    if (waiting) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`listens to ${waiting.target}`, MAX_LABEL_LENGTH), `'${waiting.event}' wait listener never taken off: one more per call${waiting.caller ? ` of ${waiting.caller}()` : ''}`, call);
      return;
    }
    const onSignal = unit ? findKeptAbortListener(this.sourceCode, call) : null;
    const onProcess = onSignal ? null : findKeptProcessListener(this.sourceCode, call);
    const perInstance = onSignal || onProcess || !this.mayAddInstanceFreeListeners ? null : findInstanceFreeListener(this.sourceCode, call);
    const restarted = onSignal || onProcess || perInstance || !this.mayRestartProcessListeners ? null : findRestartedProcessListener(this.sourceCode, call);
    if (restarted) {
      this.summary.leaks++;
      this.addLeak(unit, 'listens to process', `'${restarted.event}' listener added again on every restart (through ${shortText(this.sourceCode.getText(restarted.via.callee), 30)}())`, call);
      return;
    }
    const missed = this.mayMissListenersInCleanup ? findListenerMissedByCleanup(this.sourceCode, call) : null;
    if (missed) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`listens to ${missed.emitter}`, MAX_LABEL_LENGTH), `'${missed.event}' listener that ${missed.cleanup ? `${missed.cleanup}()` : 'the returned cleanup'} does not take off (line ${missed.removal.loc.start.line})`, call);
      return;
    }
    const fromProps = this.mayRemovePropListeners ? findPropListenerRemoval(this.sourceCode, call) : null;
    if (fromProps) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`listens to ${this.sourceCode.getText(getCalleeMember(call)?.object ?? call.callee)}`, MAX_LABEL_LENGTH), `removes this.props.${fromProps.prop} as it is now, not the one added on line ${fromProps.add.loc.start.line}`, call);
      return;
    }
    if (perInstance) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`listens to ${perInstance.receiver}`, MAX_LABEL_LENGTH), `'${perInstance.event}' listener added again by every instance (${perInstance.method}), using none of it`, call);
      return;
    }
    if (!onSignal && !onProcess) return;
    this.summary.leaks++;
    if (onSignal) {
      const signal = codeLabel(this.sourceCode, onSignal.signal, MAX_LABEL_LENGTH - 'listens to '.length);
      this.addLeak(unit, `listens to ${signal}`, "abort listener on the caller's signal, never removed", call);
    } else if (onProcess) {
      this.addLeak(unit, `listens to ${onProcess.target}`, `'${onProcess.event}' listener, not removed by ${onProcess.stop}()`, call);
    }
  }

  /**
   * A promise's timeout left armed where the promise settles (or never cleared at all), or a timer kept in a field
   * past the class's stop method (the analyses of `require-async-dispose`): a row of the unit, or a top-level row for code outside units
   * (the executor of a promise a synchronous function returns, a synchronous method).
   */
  private describeTimer(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.findTimerLeak(call);
    if (!found) return;
    this.summary.leaks++;
    const [name, description] = found;
    const label = shortText(`holds timer ${name}`, MAX_LABEL_LENGTH);
    this.addLeak(unit, label, description, call);
  }

  /** A leak row of `require-async-dispose`: in its unit, or at the top level for code outside units. */
  private addLeak(unit: MutableNode | null, label: string, description: string, node: TSESTree.Node): void {
    if (unit) this.add(unit, 'resource', label, description, 'warning', node, 'require-async-dispose');
    else this.roots.push(this.makeNode('resource', label, description, 'warning', node, 'require-async-dispose'));
  }

  /** The timer's name and what is wrong with it, when it is one of the timer leaks of `require-async-dispose`. */
  private findTimerLeak(call: TSESTree.CallExpression): [string, string] | null {
    const armed = findTimerLeftArmed(this.sourceCode, call);
    if (armed) return [armed.name, `left armed when the promise settles on line ${armed.armedSettles.map((settle) => settle.loc.start.line).join(', ')}`];
    const kept = findKeptTimer(this.sourceCode, call);
    if (kept?.field === null) return ['setInterval', `interval's handle thrown away: ${kept.stop}() cannot clear it`];
    if (kept) return [`this.${kept.field}`, `${kept.repeating ? 'interval' : 'timeout'} not cleared by ${kept.stop}()`];
    const bySiblings = this.mayLeaveIntervalsBySiblings ? findIntervalLeftBySiblings(this.sourceCode, call) : null;
    if (bySiblings) return [bySiblings.name, `interval nothing clears, though ${bySiblings.sibling} is cleared (line ${bySiblings.siblingClear.loc.start.line})`];
    const overwritten = mayOverwriteTimers(this.sourceCode.text) ? findOverwrittenTimer(this.sourceCode, call) : null;
    if (overwritten) return [overwritten.holder, `armed again by the '${overwritten.otherEvent}' listener on line ${overwritten.other.loc.start.line} without clearing the old one`];
    const racedHandle = this.mayRaceTimerHandles ? findRacedTimerHandle(this.sourceCode, call) : null;
    if (racedHandle) return [racedHandle.timer, `timer handle raced as a promise (line ${racedHandle.race.loc.start.line}): never awaited, never cleared`];
    const dropped = findTimeoutNeverCleared(this.sourceCode, call);
    if (dropped?.lateEffect) return ['setTimeout', shortText(`unref'd timeout never cleared: its ${this.sourceCode.getText(dropped.lateEffect)} still runs after line ${dropped.other.node.loc.start.line}`, 90)];
    if (dropped) return ['setTimeout', `timeout never cleared: left armed when ${dropped.other.kind === 'race' ? 'another promise of the race' : 'the promise settles'} on line ${dropped.other.node.loc.start.line}${dropped.other.kind === 'race' ? ' wins' : ''}`];
    const deferred = this.mayRaceTimerPromises ? findDeferredRacer(this.sourceCode, call) : null;
    if (deferred) return ['setTimeout', shortText(`starts ${this.sourceCode.getText(deferred.work.callee)}() late for the race on line ${deferred.race.loc.start.line}, kept if another racer wins`, 90)];
    const raced = this.mayRaceTimerPromises ? findRacedTimerPromise(this.sourceCode, call) : null;
    if (raced) return [`${raced.helper}()`, `timer promise never cancelled: left armed when another promise of the race on line ${raced.race.loc.start.line} wins`];
    const unclearable = this.mayDropTimersOfStoppable ? findTimerDroppedByStop(this.sourceCode, call) : null;
    if (unclearable) return [unclearable.repeating ? 'setInterval' : 'setTimeout', `${unclearable.repeating ? 'interval' : 'timeout'}'s handle thrown away: ${unclearable.stop}() cannot clear it`];
    const rearmed = this.mayRearmIntervals ? findRearmedInterval(this.sourceCode, call) : null;
    if (rearmed) return [`this.${rearmed.field}`, `armed again by ${rearmed.rerun}() (line ${rearmed.rerunAt.loc.start.line}) over the interval it holds`];
    const foreign = this.mayClearForeignTimers ? findForeignTimerCleared(this.sourceCode, call) : null;
    if (foreign) return [foreign.holder, `armed by ${foreign.module} (line ${foreign.arm.loc.start.line}): the global ${foreign.globalClear} does not clear it`];
    return null;
  }

  /** A listener added by the function that takes the listeners off (the analysis of `require-async-dispose`). */
  private describeTeardownAdd(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayAddInTeardown) return;
    const found = findListenerAddedInTeardown(this.sourceCode, call);
    if (!found) return;
    this.summary.leaks++;
    const label = shortText(`listens to ${codeLabel(this.sourceCode, found.target, MAX_LABEL_LENGTH - 'listens to '.length)}`, MAX_LABEL_LENGTH);
    const description = `'${found.event}' listener added again by ${found.teardown === null ? 'the returned cleanup' : `${found.teardown}()`}, not removed`;
    this.addLeak(unit, label, description, call);
  }

  /** A listener method of the instance the class's teardown does not take off (the analysis of `require-async-dispose`). */
  private describeTeardownListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const left = this.mayLeaveListenersOnDroppedEmitters ? findListenerLeftByTeardown(this.sourceCode, call) : null;
    if (left) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`listens to ${left.emitter}`, MAX_LABEL_LENGTH), `'${shortText(left.event, 20)}' listener left by ${left.teardown}(), taken off by ${left.remover}()`, call);
      return;
    }
    if (!this.mayKeepListenersPastTeardown) return;
    const found = findListenerKeptPastTeardown(this.sourceCode, call);
    if (!found) return;
    this.summary.leaks++;
    const member = getCalleeMember(call);
    const label = shortText(`listens to ${member ? codeLabel(this.sourceCode, member.object, MAX_LABEL_LENGTH - 'listens to '.length) : 'an emitter'}`, MAX_LABEL_LENGTH);
    const what = found.handler === null ? `inline '${found.event ?? 'event'}' listener` : shortText(found.handler, 40);
    this.addLeak(unit, label, `${what} not taken off by ${found.teardown}()`, call);
  }

  /**
   * An inline listener on an emitter whose other listeners the file takes off, or an inline `once` listener its rival
   * leaves behind (the analyses of `require-async-dispose`).
   */
  private describeUnremovableListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayAddUnremovableListeners) return;
    const found = findUnremovableListener(this.sourceCode, call);
    const left = found ? null : findListenerLeftByRival(this.sourceCode, call);
    if (!found && !left) return;
    this.summary.leaks++;
    if (found) this.addLeak(unit, shortText(`listens to ${found.emitter}`, MAX_LABEL_LENGTH), `inline '${found.event}' listener: nothing can take it off`, call);
    else if (left) this.addLeak(unit, shortText(`listens to ${left.emitter}`, MAX_LABEL_LENGTH), `'${left.event}' listener left on when '${left.rival}' comes first`, call);
  }

  /** An inline listener added to a registry's shared value on every run (the analysis of `require-async-dispose`). */
  private describeSharedValueListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const shared = this.mayAddInlineListeners ? findListenerOnSharedValue(this.sourceCode, call) : null;
    if (!shared) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`listens to ${shared.name}`, MAX_LABEL_LENGTH), `'${shared.event}' listener added again each time a value of ${shortText(shared.registry, 30)} is reused`, call);
  }

  /** A removal that matches no listener: the add's capture flag or the event left out (the analysis of `require-async-dispose`). */
  private describeMismatchedRemoval(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const otherEmitter = this.mayRemoveFromOtherEmitters ? findRemovalFromOtherEmitter(this.sourceCode, call) : null;
    if (otherEmitter) {
      this.summary.leaks++;
      const meant = codeLabel(this.sourceCode, otherEmitter.meant, MAX_LABEL_LENGTH - 'listens to '.length);
      this.addLeak(unit, shortText(`listens to ${meant}`, MAX_LABEL_LENGTH), `'${otherEmitter.event}' listeners taken off ${shortText(otherEmitter.named, 30)}, not ${meant}: the one on line ${otherEmitter.sibling.loc.start.line} stays`, call);
      return;
    }
    const waiters = this.maySettleWaitersWithoutRemoving ? findWaitersSettledNotRemoved(this.sourceCode, call) : null;
    if (waiters) return this.describeSettledWaiters(waiters, unit);
    const unpipe = this.mayUnpipeOtherDestinations ? findUnpipeOfOtherDestination(this.sourceCode, call) : null;
    if (unpipe) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`pipes into ${codeLabel(this.sourceCode, unpipe.pipe.arguments[0] as TSESTree.Node, MAX_LABEL_LENGTH - 11)}`, MAX_LABEL_LENGTH), `unpipe names ${shortText(unpipe.named, 30)}, never piped into: the pipe on line ${unpipe.pipe.loc.start.line} stays`, call);
      return;
    }
    const selfRemoval = this.mayRemoveSelfInsteadOfSibling ? findSelfRemovalInsteadOfSibling(this.sourceCode, call) : null;
    if (selfRemoval) {
      this.summary.leaks++;
      const target = getCalleeMember(selfRemoval.sibling)?.object;
      const label = shortText(`listens to ${target ? codeLabel(this.sourceCode, target, MAX_LABEL_LENGTH - 'listens to '.length) : 'an emitter'}`, MAX_LABEL_LENGTH);
      this.addLeak(unit, label, `${selfRemoval.listener} takes itself off, not ${selfRemoval.siblingName} (line ${selfRemoval.sibling.loc.start.line}): it stays`, call);
      return;
    }
    if (!this.mayMismatchRemovals) return;
    const otherEvent = findListenerRemovedFromOtherEvent(this.sourceCode, call);
    if (otherEvent) {
      this.summary.leaks++;
      const target = getCalleeMember(call)?.object;
      const label = shortText(`listens to ${target ? codeLabel(this.sourceCode, target, MAX_LABEL_LENGTH - 'listens to '.length) : 'an emitter'}`, MAX_LABEL_LENGTH);
      this.addLeak(unit, label, `'${otherEvent.event}' listener taken off only '${otherEvent.removedEvent}' (line ${otherEvent.removal.loc.start.line}): it stays`, call);
      return;
    }
    const factory = findListenerFactoryRemoved(this.sourceCode, call);
    if (factory) {
      this.summary.leaks++;
      const target = getCalleeMember(call)?.object;
      const label = shortText(`listens to ${target ? codeLabel(this.sourceCode, target, MAX_LABEL_LENGTH - 'listens to '.length) : 'an emitter'}`, MAX_LABEL_LENGTH);
      this.addLeak(unit, label, `removal names the factory ${shortText(factory.factory, 40)}, not the '${factory.event}' listener it built (line ${factory.add.loc.start.line}): it stays`, call);
      return;
    }
    const bound = this.mayRemoveNewBoundListeners ? findBoundListenerRemovedAsNew(this.sourceCode, call) : null;
    if (bound) {
      this.summary.leaks++;
      const target = getCalleeMember(call)?.object;
      const label = shortText(`listens to ${target ? codeLabel(this.sourceCode, target, MAX_LABEL_LENGTH - 'listens to '.length) : 'an emitter'}`, MAX_LABEL_LENGTH);
      this.addLeak(unit, label, `'${bound.event}' listener taken off as a new ${shortText(bound.bound, 30)}.bind(…) (line ${bound.removal.loc.start.line}): it stays`, call);
      return;
    }
    const found = findMismatchedRemoval(this.sourceCode, call);
    if (!found) return;
    this.summary.leaks++;
    const label = shortText(`listens to ${found.target}`, MAX_LABEL_LENGTH);
    const description = found.kind === 'capture' ? `removal without the add's capture flag: ${shortText(found.listener, 40)} stays` : `removal names no event: ${shortText(found.listener, 40)} stays`;
    this.addLeak(unit, label, description, call);
  }

  /** A socket's or request's idle-timeout handler that never closes it (the analysis of `require-async-dispose`). */
  private describeIdleTimeout(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayLeaveIdleConnectionsOpen) return;
    const found = findIdleTimeoutLeftOpen(this.sourceCode, call);
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`listens to ${found.name}`, MAX_LABEL_LENGTH), `idle-timeout handler leaves the ${found.what} open: never destroyed`, call);
  }

  /** A file read stream piped into a destination whose failure leaves it open (the analysis of `require-async-dispose`). */
  private describePipedFileSource(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayPipeFileSources) return;
    const piped = findPipedFileSource(this.sourceCode, call);
    if (!piped) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`pipes ${codeLabel(this.sourceCode, piped.open, MAX_LABEL_LENGTH - 6)}`, MAX_LABEL_LENGTH), `file stays open when the destination fails (line ${piped.errorLine})`, piped.open);
  }

  /** A listener taken off only when the function gets past its awaits (the analysis of `require-async-dispose`). */
  private describeSkippedRemoval(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayRemoveListenersAfterAwait) return;
    const skipped = findListenerRemovalSkipped(this.sourceCode, call);
    if (!skipped) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`listens to '${skipped.event}'`, MAX_LABEL_LENGTH), `taken off on line ${skipped.removal.loc.start.line} only if line ${skipped.exit.loc.start.line} does not leave first`, call);
  }

  /** A camera or microphone stream nothing stops (the analysis of `require-async-dispose`). */
  private describeMediaStream(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayOpenMediaStreams) return;
    const opened = findMediaStreamNotStopped(this.sourceCode, call);
    if (!opened) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`${opened.method}()`, MAX_LABEL_LENGTH), 'media stream never stopped: the device stays in use', call);
  }

  /** An object URL handed straight to a worker, which nothing can revoke (the analysis of `require-async-dispose`). */
  private describeObjectUrl(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayCreateObjectUrls) return;
    const found = findUnrevocableObjectUrl(call);
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`object URL for ${found.consumer}`, MAX_LABEL_LENGTH), 'kept nowhere: never revoked', call);
  }

  /** A response callback of `http.request` that never reads the response (the analysis of `require-async-dispose`). */
  private describeUnreadResponse(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayLeaveResponsesUnread) return;
    const found = findUnreadResponse(this.sourceCode, call);
    if (!found || getCodeRole(this.context, call) !== 'service') return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`response of ${found.callee.replaceAll('`', '')}`, MAX_LABEL_LENGTH), 'never read: holds its memory and socket', call);
  }

  /** An async iterator over another whose `return()` does not close the inner one (the analysis of `require-async-dispose`). */
  private describeIteratorReturn(object: TSESTree.ObjectExpression, unit: MutableNode | null): void {
    if (!this.mayWrapAsyncIterators) return;
    const found = findUnforwardedIteratorReturn(this.sourceCode, object);
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`return() without ${found.inner}.return()`, MAX_LABEL_LENGTH), 'the inner iterator stays open on an early stop', found.node);
  }

  /** One restarting listener on two ending events of an emitter (the analysis of `require-async-dispose`). */
  private describeDoubledEndListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayDoubleEndListeners) return;
    const found = findDoubledEndListener(this.sourceCode, call);
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`${found.listener} on '${found.firstEvent}' and '${found.secondEvent}'`, MAX_LABEL_LENGTH), 'runs twice per ending: its work doubles', call);
  }

  /** A reconnect timer armed on a closing event, its handle dropped (the analysis of `require-async-dispose`). */
  private describeDroppedReconnectTimer(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayDropReconnectTimers ? findDroppedReconnectTimer(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`reconnect timer on '${found.event}'`, MAX_LABEL_LENGTH), `handle dropped: ${found.stop}() cannot clear it`, call);
  }

  /** A session or connection a function of the file makes, dropped by an awaited statement (the analysis of `require-async-dispose`). */
  private describeDroppedCreation(statement: TSESTree.ExpressionStatement, unit: MutableNode): void {
    const found = this.mayDropCreations ? findDroppedCreation(this.sourceCode, statement) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`dropped: new ${found.made}`, MAX_LABEL_LENGTH), `made by ${found.callee}(…) and never closed`, statement);
  }

  /** A cleanup an async function returns, dropped with its promise (the analysis of `require-async-dispose`). */
  private describePromisedCleanup(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayPromiseCleanups) return;
    const dropped = findPromisedCleanup(this.sourceCode, call);
    if (!dropped) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`cleanup of ${this.sourceCode.getText(call.callee)}()`, MAX_LABEL_LENGTH), 'returned in a promise this call drops: never run', call);
  }

  /** A timer a library module arms as it is loaded (the analysis of `require-async-dispose`). */
  private describeImportTimer(call: TSESTree.CallExpression): void {
    const looping = this.mayStartTimersAtLoad ? findPerpetualTimerAtLoad(this.sourceCode, call) : null;
    if (looping) {
      this.summary.leaks++;
      this.addLeak(null, shortText(`timer loop ${looping.loop}`, MAX_LABEL_LENGTH), `started by ${shortText(looping.factory, 30)}() as the module loads: keeps every importer alive`, call);
      return;
    }
    if (!this.mayArmTimersAtImport) return;
    const armed = findTimerArmedAtImport(this.sourceCode, call);
    if (!armed) return;
    this.summary.leaks++;
    this.addLeak(null, armed.repeating ? 'interval at load' : 'timeout at load', 'armed when the module is loaded: keeps every importer alive', call);
  }

  /** A busy flag some way out of the function leaves set (the analysis of `require-async-dispose`). */
  private describeBusyFlag(statement: TSESTree.ExpressionStatement, unit: MutableNode): void {
    if (!this.mayLeaveBusyFlagsSet) return;
    const left = findBusyFlagLeftSet(this.sourceCode, statement);
    if (!left) return;
    this.summary.leaks++;
    const where = left.exit === null ? 'at the end' : `on line ${left.exit.loc.start.line}`;
    this.addLeak(unit, shortText(`sets ${left.flag}`, MAX_LABEL_LENGTH), `busy flag left set when the function leaves ${where}`, statement);
  }

  /** A lock some way out of the function leaves taken (the analysis of `require-async-dispose`). */
  private describeHeldLock(statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration, unit: MutableNode): void {
    if (!this.mayLeaveLocksHeld) return;
    const left = findLockLeftHeld(this.sourceCode, statement);
    if (!left) return;
    this.summary.leaks++;
    const where = left.exit === null ? 'at the end' : `on line ${left.exit.loc.start.line}`;
    this.addLeak(unit, shortText(`locks ${left.lock}`, MAX_LABEL_LENGTH), `lock left taken when the function leaves ${where}`, statement);
  }

  /** An object handed to two functions of the file on two paths, released by one only (the analysis of `require-async-dispose`). */
  private describeHelperSkippedRelease(declarator: TSESTree.VariableDeclarator, unit: MutableNode | null): void {
    if (!this.mayLeaveHelperReleases) return;
    const found = findHelperSkippedRelease(this.sourceCode, declarator);
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`holds ${found.name}`, MAX_LABEL_LENGTH), `released by ${found.releasing}(), not by ${found.skipping}() (line ${found.handOff.loc.start.line})`, found.creation);
  }

  /** A file write stream the function never ends (the analysis of `require-async-dispose`). */
  private describeUnendedWriteStream(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayLeaveWriteStreamsOpen) return;
    const open = findUnendedWriteStream(this.sourceCode, call);
    if (!open) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`writes ${open.name}`, MAX_LABEL_LENGTH), 'file write stream never ended: the file stays open', call);
  }

  /** A listener the promise's executor takes off at one settle, not another (the analysis of `require-async-dispose`). */
  private describeListenerLeftOnSettle(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayLeaveListenersOnSettle) return;
    const left = findListenerLeftOnSettle(this.sourceCode, call);
    if (!left) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`listens to ${left.target}`, MAX_LABEL_LENGTH), `'${left.event}' listener left on when the promise settles on line ${left.leftAt.loc.start.line}`, call);
  }

  /** Timeouts' handles collected for the teardown and never taken out (the analysis of `require-async-dispose`). */
  private describeCollectedTimer(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayCollectTimers) return;
    const collected = findCollectedTimer(this.sourceCode, call);
    if (!collected) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`collects in ${collected.collection}`, MAX_LABEL_LENGTH), 'timeout handles never taken out: grows with every call', call);
  }

  /** A descriptor callback-style `fs.open` hands over that nothing closes (the analysis of `require-async-dispose`). */
  private describeCallbackDescriptor(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayLeakCallbackDescriptors) return;
    for (const left of findDescriptorsLeftByFailure(this.sourceCode, call)) {
      this.summary.leaks++;
      this.addLeak(unit, shortText(`holds ${left.name}`, MAX_LABEL_LENGTH), `file descriptor left open when ${shortText(left.operation, 30)} fails (line ${left.failure.loc.start.line})`, call);
    }
    const leaked = findDescriptorNeverClosed(this.sourceCode, call);
    if (!leaked) return;
    this.summary.leaks++;
    const label = shortText(leaked.kept ? `keeps ${leaked.kept.field}` : `holds ${leaked.name}`, MAX_LABEL_LENGTH);
    const description = leaked.kept
      ? `file descriptor from fs.open, kept past ${leaked.kept.stop}() and never closed`
      : `file descriptor from fs.open, never closed${leaked.unused ? ' (nor used)' : ''}`;
    this.addLeak(unit, label, description, call);
  }

  /** A release method named where its call was meant (`Promise.all(list.map((c) => c.close))`): a row of the unit. */
  private describeUncalledRelease(node: TSESTree.AwaitExpression | TSESTree.CallExpression, unit: MutableNode): void {
    if (!this.mayLeaveReleasesUncalled) return;
    for (const { member, method } of findUncalledReleases(this.context, node)) {
      this.summary.leaks++;
      const label = shortText(`${codeLabel(this.sourceCode, member, MAX_LABEL_LENGTH - 12)} not called`, MAX_LABEL_LENGTH);
      this.add(unit, 'resource', label, `${method} named, not called: nothing is released`, 'warning', member, 'require-async-dispose');
    }
  }

  /** A release in a `.then` of a promise chain that no failure of the chain reaches (the analysis of `require-async-dispose`). */
  private describeChainRelease(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayReleaseInChains) return;
    const found = findChainReleaseOnlyOnSuccess(call);
    if (!found || getCodeRole(this.context, call) === 'one-shot') return;
    this.summary.leaks++;
    const label = shortText(`holds ${found.name}`, MAX_LABEL_LENGTH);
    const description = `released only when the chain from line ${found.risk.loc.start.line} succeeds`;
    this.addLeak(unit, label, description, call);
  }

  /**
   * A listener added again each time a listener of the same emitter runs, on every pass of a loop that waits for it,
   * or to the socket of every request (the analysis of `require-async-dispose`): a row of the unit, or a top-level
   * row outside units.
   */
  private describeRepeatedListener(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayAddRepeatedListeners) return;
    const found = findRepeatedListener(this.sourceCode, call);
    if (!found || getCodeRole(this.context, call) === 'one-shot') return;
    this.summary.leaks++;
    const label = shortText(`listens to ${found.kind === 'socket' || found.kind === 'servedRequest' ? found.socket : found.emitter}`, MAX_LABEL_LENGTH);
    const description =
      found.kind === 'event'
        ? `${found.added} added on every ${found.repeat}, never removed`
        : found.kind === 'iteration'
          ? `'${found.event}' listener added on every pass of the loop on line ${found.loop.loc.start.line}, never removed`
          : found.kind === 'socket'
            ? `'${found.event}' listener added for every request on a socket kept alive, never removed`
            : found.kind === 'servedRequest'
              ? `'${found.event}' listener added to the connection's socket for every request served, never removed`
              : `listener under ${shortText(found.event, 40)}, a name made for one call, never removed`;
    this.addLeak(unit, label, description, call);
  }

  /** `return p` that leaves a `try`/`finally`/`using` scope before `p` settles (the analysis of `return-await-in-try`). */
  private describeReturn(node: TSESTree.ReturnStatement, unit: MutableNode): void {
    const guard = findUnawaitedReturn(this.context, node);
    if (guard) this.addReturnRow(node, guard, unit);
    else this.describeReturnedToCallback(node, unit);
  }

  /** A promise returned from an error-first callback, whose caller ignores it. */
  private describeReturnedToCallback(node: TSESTree.ReturnStatement, unit: MutableNode | null): void {
    if (!node.argument || !findPromiseReturnedToCallback(this.context, node, this.options.floating)) return;
    this.summary.detached++;
    const row = this.makeNode('detached', `floating: ${codeLabel(this.sourceCode, node.argument, MAX_LABEL_LENGTH - 10)}`, 'returned to an error-first callback, which ignores it', 'debug-disconnect', node.argument, 'no-floating-promises');
    (unit ? unit.children : this.roots).push(row);
  }

  private addReturnRow(node: TSESTree.ReturnStatement, guard: SkippedGuard, unit: MutableNode): void {
    if (!node.argument) return;
    // the return row names the unit it calls (one row per expression)
    const argument = skipExpressionWrappers(node.argument);
    const callee = argument.type === AST_NODE_TYPES.CallExpression ? this.localAsyncCallee(argument) : null;
    if (callee) this.namedCalls.add(argument);
    const description = callee ? `${RETURN_DESCRIPTIONS[guard.kind]} · calls ${nameAsyncUnit(this.sourceCode, callee, 'async-function')}()` : RETURN_DESCRIPTIONS[guard.kind];
    this.add(unit, 'return', shortText(`return ${this.sourceCode.getText(node.argument)}`, MAX_LABEL_LENGTH), description, 'warning', node.argument, 'return-await-in-try');
  }

  /**
   * A function that is not async but returns a promise itself (declared `Promise<…>`, or a thenable for the checker) is
   * no async unit of its own, yet `return-await-in-try` checks its returns: the first such return found makes it a unit
   * ("returns a promise"), so the finding has its row.
   */
  private describePromiseReturn(node: TSESTree.ReturnStatement): void {
    const guard = findUnawaitedReturn(this.context, node);
    const fn = guard ? getEnclosingFunction(node) : null;
    if (!guard || !fn) return this.describeReturnedToCallback(node, null);
    const unit = this.unitByFunction.get(fn) ?? this.addUnit(fn, 'async-function', 'returns a promise', null);
    this.addReturnRow(node, guard, unit);
  }

  /** A promise taken inside a `try` and awaited only after it (the analysis of `return-await-in-try`). */
  private describePromiseAwaitedAfterTry(assignment: TSESTree.AssignmentExpression, unit: MutableNode): void {
    const found = findPromiseAwaitedAfterTry(this.context, assignment);
    if (!found) return;
    const label = shortText(`${found.name} = ${this.sourceCode.getText(found.call)}`, MAX_LABEL_LENGTH);
    this.add(unit, 'return', label, `awaited after the try (line ${found.awaited.loc.start.line}): the catch misses its rejection`, 'warning', found.call, 'return-await-in-try');
  }

  /** An emitter replaced with only some of its listeners moved across (the analysis of `require-async-dispose`). */
  private describeReplacedEmitter(assignment: TSESTree.AssignmentExpression, unit: MutableNode | null): void {
    const found = this.mayLeaveListenersOnReplacedEmitters ? findListenersLeftOnReplacedEmitter(this.sourceCode, assignment) : null;
    if (!found) return;
    this.summary.leaks++;
    const events = found.missing.map((event) => `'${event}'`).join(', ');
    this.addLeak(unit, shortText(`listens to ${found.field}`, MAX_LABEL_LENGTH), shortText(`replaced without its ${events} listeners (line ${found.firstAdd.loc.start.line})`, 80), assignment.left);
  }

  /** A pending timer or frame a teardown lets go of without cancelling it (the analysis of `require-async-dispose`). */
  private describeForgottenTimer(assignment: TSESTree.AssignmentExpression, unit: MutableNode | null): void {
    const found = this.mayForgetTimers ? findForgottenTimer(this.sourceCode, assignment) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`holds this.${found.field}`, MAX_LABEL_LENGTH), `dropped by ${found.method}() without ${found.cancel}: its callback still runs`, assignment.left);
  }

  /** A destroy of the stream a variable was piped into, where the source was meant (the analysis of `require-async-dispose`). */
  private describeDestroyOfPipedDestination(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayDestroyPipedDestinations ? findDestroyOfPipedDestination(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`closes ${found.name}`, MAX_LABEL_LENGTH), `now the stream it was piped into (line ${found.reassignment.loc.start.line}): the source stays open`, call);
  }

  /** A socket's records undone only on its 'end' (the analysis of `require-async-dispose`). */
  private describeEndOnlyCleanup(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayCleanUpOnlyOnEnd ? findEndOnlyCleanup(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`kept: ${found.receiver}`, MAX_LABEL_LENGTH), `let go of only on 'end' (it ${found.bookkeeping}): never when destroyed first`, call);
  }

  /** A released resource replaced without its release (the analysis of `require-async-dispose`). */
  private describeReplacedResource(assignment: TSESTree.AssignmentExpression, unit: MutableNode | null): void {
    const found = this.mayReplaceResources ? findReplacedResource(this.sourceCode, assignment) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`replaces ${found.holder}`, MAX_LABEL_LENGTH), `the old one never released (line ${found.release.loc.start.line} releases only the last)`, assignment);
  }

  /** A socket's handler left on the old socket when it is replaced (the analysis of `require-async-dispose`). */
  private describeReplacedSocketHandler(assignment: TSESTree.AssignmentExpression, unit: MutableNode | null): void {
    const found = this.mayLeaveSocketHandlersOnReplace ? findReplacedSocketHandler(this.sourceCode, assignment) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`${found.socket}.on${found.event} left on the old socket`, MAX_LABEL_LENGTH), `${found.closer} (line ${found.closerLine}) does not take it off: it fires on the replacement`, assignment);
  }

  /** A file poller nothing stops (the analysis of `require-async-dispose`). */
  private describeUnwatchedFile(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayLeaveFilesWatched ? findUnwatchedFile(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, 'watchFile', 'a file poller nothing in the file stops (no unwatchFile)', call);
  }

  /** A server started on a picked port that nothing closes (the analysis of `require-async-dispose`). */
  private describeEphemeralServer(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayLeaveEphemeralServers ? findEphemeralServer(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`listens: ${found.server}`, MAX_LABEL_LENGTH), 'started on a picked port (listen(0)), never closed', call);
  }

  /** An object pooled before the call that readies it has finished (the analysis of `no-race-across-await`). */
  private describeEarlyReturnToPool(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayPoolEarly ? findEarlyReturnToPool(this.sourceCode, call) : null;
    if (!found) return;
    const label = shortText(`race on ${found.pool}`, MAX_LABEL_LENGTH);
    const description = `${found.item} pooled before ${shortText(this.sourceCode.getText(found.operation), 30)} finishes: line ${found.take.loc.start.line} can take it`;
    if (unit) this.add(unit, 'race', label, description, 'warning', call, 'no-race-across-await');
    else this.roots.push(this.makeNode('race', label, description, 'warning', call, 'no-race-across-await'));
  }

  /** A promise a call writes out as data (the analysis of `no-floating-promises`). */
  private describePromiseWrittenByCall(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (this.mayWritePromisesAsData) this.describePromiseAsData(findPromiseWrittenByCall(this.context, call), unit);
  }

  /** A promise a template literal turns into text (the analysis of `no-floating-promises`). */
  private describePromiseInTemplate(template: TSESTree.TemplateLiteral, unit: MutableNode | null): void {
    if (this.mayWritePromisesAsData) this.describePromiseAsData(findPromiseInTemplate(this.context, template), unit);
  }

  private describePromiseAsData(found: PromiseAsData | null, unit: MutableNode | null): void {
    if (!found) return;
    this.summary.detached++;
    const label = `as data: ${codeLabel(this.sourceCode, found.promise, MAX_LABEL_LENGTH - 10)}`;
    const description = `a promise written out by ${found.sink}, never awaited`;
    if (unit) this.add(unit, 'detached', label, description, 'debug-disconnect', found.promise, 'no-floating-promises');
    else this.roots.push(this.makeNode('detached', label, description, 'debug-disconnect', found.promise, 'no-floating-promises'));
  }

  private describeSettledWaitersLoop(loop: TSESTree.ForOfStatement, unit: MutableNode | null): void {
    const waiters = this.maySettleWaitersWithoutRemoving ? findWaitersSettledNotRemoved(this.sourceCode, loop) : null;
    if (waiters) this.describeSettledWaiters(waiters, unit);
  }

  /** Waiters a listener settles without emptying their queue (the analysis of `require-async-dispose`). */
  private describeSettledWaiters(found: WaitersSettledNotRemoved, unit: MutableNode | null): void {
    this.summary.leaks++;
    this.addLeak(unit, shortText(`holds waiters ${found.queue}`, MAX_LABEL_LENGTH), `settled on every '${found.event}' but never taken out of the queue`, found.loop.type === AST_NODE_TYPES.ForOfStatement ? found.loop.right : found.loop);
  }

  /** A redirect that does not wait for the session it changed to be saved (the analysis of `no-race-across-await`). */
  private describeSessionRedirect(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    if (!this.mayRedirectBeforeSessionSave) return;
    const found = findRedirectBeforeSessionSave(this.sourceCode, call);
    if (!found) return;
    const label = shortText(`race on ${found.session}`, MAX_LABEL_LENGTH);
    const description = `redirects before the change on line ${found.write.loc.start.line} is saved`;
    if (unit) this.add(unit, 'race', label, description, 'warning', call, 'no-race-across-await');
    else this.roots.push(this.makeNode('race', label, description, 'warning', call, 'no-race-across-await'));
  }

  /** A field checked before an await and used after it while other code empties it (the analysis of `no-race-across-await`). */
  private describeFieldUsedAfterAwait(guard: TSESTree.IfStatement, unit: MutableNode): void {
    const found = this.mayUseFieldsAfterAwait ? findFieldUsedAfterAwait(this.sourceCode, guard) : null;
    if (!found) return;
    const description = `checked before await ${shortText(this.sourceCode.getText(getAwaitedValue(found.awaitNode)), 30)}, used after it while line ${found.emptying.loc.start.line} empties it`;
    this.add(unit, 'race', shortText(`race on ${found.field}`, MAX_LABEL_LENGTH), description, 'warning', found.use, 'no-race-across-await');
  }

  /** A stop flag checked before an await and not after it, in a method a timer or an event runs (the analysis of `no-race-across-await`). */
  private describeWorkAfterStop(guard: TSESTree.IfStatement, unit: MutableNode): void {
    const found = this.mayWorkAfterStop ? findWorkAfterStop(this.sourceCode, guard) : null;
    if (!found) return;
    const description = `checked before await ${shortText(this.sourceCode.getText(getAwaitedValue(found.awaitNode)), 30)}, not after it while line ${found.stopping.loc.start.line} sets it`;
    this.add(unit, 'race', shortText(`works past ${found.field}`, MAX_LABEL_LENGTH), description, 'warning', found.work, 'no-race-across-await');
  }

  /** Shared state read before an `await` and written after it (the analysis of `no-race-across-await`), shown at the write. */
  /** Lazy initialisation written with a connect callback (the analysis of `no-race-across-await`). */
  private describeCallbackLazyInit(guard: TSESTree.IfStatement, unit: MutableNode | null): void {
    const found = findCallbackLazyInit(this.sourceCode, guard);
    if (!found) return;
    const row = this.makeNode('race', shortText(`race on ${found.state}`, MAX_LABEL_LENGTH), `connects again until ${shortText(this.sourceCode.getText(found.call.callee), 30)}() calls back`, 'warning', found.write, 'no-race-across-await');
    (unit ? unit.children : this.roots).push(row);
  }

  /** A cache filled in a promise chain's `.then` after a check that finds it empty (the analysis of `no-race-across-await`). */
  /** A teardown that finds no connection while a connect is pending (the analysis of `no-race-across-await`). */
  private describeTeardownDuringConnect(guard: TSESTree.IfStatement, unit: MutableNode | null): void {
    const found = this.mayTearDownDuringConnect ? findTeardownDuringConnect(guard) : null;
    if (!found) return;
    const row = this.makeNode('race', shortText(`race on ${found.connection}`, MAX_LABEL_LENGTH), `${found.teardown}() misses a connect still pending in ${shortText(found.pending, 30)}`, 'warning', found.test, 'no-race-across-await');
    (unit ? unit.children : this.roots).push(row);
  }

  /** A `subscribe…` stream relayed into the emitter handed back, which nothing can cancel (the analysis of `require-async-dispose`). */
  private describeUncancelledSubscription(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.maySubscribeWithoutCancel ? findUncancelledSubscription(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`holds ${found.stream}`, MAX_LABEL_LENGTH), `subscription relayed into ${shortText(found.emitter, 30)}: nothing can cancel it`, call);
  }

  /** A fetch response dropped with its body unread (the analysis of `require-async-dispose`). */
  private describeDroppedResponse(statement: TSESTree.ExpressionStatement, unit: MutableNode): void {
    const found = this.mayDropResponses ? findDroppedResponse(this.sourceCode, statement) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`response of ${found.callee}()`, MAX_LABEL_LENGTH), `dropped: body never read or cancelled (line ${found.reader.loc.start.line} reads it)`, found.call);
  }

  /** A release in a `finally` that an `await` of the same value there can skip (the analysis of `require-async-dispose`). */
  private describeFinallyRelease(call: TSESTree.CallExpression, unit: MutableNode): void {
    const found = this.mayReleaseAfterAwaitInFinally ? findReleaseSkippedInFinally(call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`releases ${found.name}`, MAX_LABEL_LENGTH), `in finally, skipped when the await on line ${found.risk.loc.start.line} rejects`, call);
  }

  /** A handle awaited where the file reads the promise off its receiver's calls (the analysis of `no-floating-promises`). */
  private describeAwaitedHandle(node: TSESTree.AwaitExpression, unit: MutableNode): void {
    const found = this.mayAwaitHandles ? findAwaitedHandle(this.context, node) : null;
    if (!found) return;
    this.summary.detached++;
    const label = `floating: ${codeLabel(this.sourceCode, found.call, MAX_LABEL_LENGTH - 10)}`;
    unit.children.push(this.makeNode('detached', label, `a handle awaited: its promise is ${found.read}, as for ${shortText(found.receiver, 30)}'s other calls`, 'debug-disconnect', found.call, 'no-floating-promises'));
  }

  /** Work in a `map` callback a combinator waits for, not returned (the analysis of `no-floating-promises`). */
  private describeUnreturnedMapWork(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayDropMapWork ? findUnreturnedMapWork(this.context, call) : null;
    if (!found || findFloatingPromise(this.context, found.statement.expression, this.options.floating) !== null) return;
    this.summary.detached++;
    const row = this.makeNode('detached', `floating: ${codeLabel(this.sourceCode, found.call, MAX_LABEL_LENGTH - 10)}`, `not returned from the map callback: Promise.${found.combinator} waits for nothing`, 'debug-disconnect', found.statement, 'no-floating-promises');
    (unit ? unit.children : this.roots).push(row);
  }

  /** A batch put back whole over the buffer other calls filled meanwhile (the analysis of `no-race-across-await`). */
  private describeRestoredBatch(assignment: TSESTree.AssignmentExpression, unit: MutableNode): void {
    const found = this.mayRestoreBatches ? findRestoredBatch(this.sourceCode, assignment) : null;
    if (!found) return;
    const row = this.makeNode('race', shortText(`race on ${found.state}`, MAX_LABEL_LENGTH), `${found.batch} put back over what was added since line ${found.reset.loc.start.line}`, 'warning', assignment, 'no-race-across-await');
    unit.children.push(row);
  }

  /** A file deleted in the `Promise.all` that reads it (the analysis of `no-race-across-await`). */
  private describeDeleteRacingRead(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayDeleteWhileReading ? findDeleteRacingRead(this.sourceCode, call) : null;
    if (!found) return;
    const row = this.makeNode('race', shortText(`race on ${found.path}`, MAX_LABEL_LENGTH), `deleted while ${shortText(this.sourceCode.getText(found.read.callee), 30)}() reads it (line ${found.read.loc.start.line})`, 'warning', found.remove, 'no-race-across-await');
    (unit ? unit.children : this.roots).push(row);
  }

  /** A promise the class made once, raced on every call (the analysis of `require-async-dispose`). */
  private describeLastingRace(call: TSESTree.CallExpression, unit: MutableNode | null): void {
    const found = this.mayRaceLastingPromises ? findLastingPromiseRaced(this.sourceCode, call) : null;
    if (!found) return;
    this.summary.leaks++;
    this.addLeak(unit, shortText(`races ${found.field}`, MAX_LABEL_LENGTH), `made once (${found.maker}): every race leaves a reaction on it`, found.racer);
  }

  private describeChainedLazyInit(guard: TSESTree.IfStatement, unit: MutableNode | null): void {
    const found = findChainedLazyInit(this.sourceCode, guard);
    if (!found) return;
    const row = this.makeNode('race', shortText(`race on ${found.state}`, MAX_LABEL_LENGTH), `fetched again until ${shortText(this.sourceCode.getText(found.call.callee), 30)}() has settled`, 'warning', found.write, 'no-race-across-await');
    (unit ? unit.children : this.roots).push(row);
  }

  /**
   * The `async` package's `each`/`map`/… outside async code (callback code has no async unit): its row at the file's
   * level when the fan-out is unbounded (the analysis of `no-unbounded-concurrency`).
   */
  private describeCallbackFanOut(call: TSESTree.CallExpression): void {
    const fanOut = analyzeFanOut(this.context, call);
    if (!fanOut || !fanOut.api.startsWith('async.') || !isUnboundedFanOut(fanOut)) return;
    this.summary.fanOuts++;
    this.roots.push(this.makeNode('fan-out', fanOut.api, describeFanOut(this.sourceCode, fanOut), 'warning', call, 'no-unbounded-concurrency'));
  }

  private describeRace(race: Race | null, unit: MutableNode): void {
    if (!race || this.raceWrites.has(race.write)) return;
    this.raceWrites.add(race.write);
    const description = `${race.renewal ? 'renewed twice' : RACE_DESCRIPTIONS[race.kind]} across await ${shortText(this.sourceCode.getText(getAwaitedValue(race.awaitNode)), 30)}`;
    this.add(unit, 'race', shortText(`race on ${race.state.text}`, MAX_LABEL_LENGTH), description, 'warning', race.write, 'no-race-across-await');
  }

  private describeDetached(node: TSESTree.Node, unit: MutableNode): void {
    if (node.type !== AST_NODE_TYPES.ExpressionStatement && node.type !== AST_NODE_TYPES.VariableDeclarator) return;
    const detached = this.detachedFacts(node);
    if (!detached) return;
    this.summary.detached++;
    this.add(unit, 'detached', detached.label, detached.description, 'debug-disconnect', detached.node, detached.ruleId);
  }

  private detachedFacts(node: TSESTree.ExpressionStatement | TSESTree.VariableDeclarator): { label: string; description: string; node: TSESTree.Node; ruleId?: string } | null {
    const floating = this.options.floating;
    if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      if (!floating.checkStored || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return null;
      const late = findPromiseAwaitedLate(this.context, node, floating);
      if (late) {
        const other = late.waitedFirst.type === AST_NODE_TYPES.ForOfStatement ? 'a for await loop' : codeLabel(this.sourceCode, late.waitedFirst, 30);
        return { label: shortText(`kept: ${node.id.name}`, MAX_LABEL_LENGTH), description: `awaited only after ${other}`, node: node.id, ruleId: 'no-floating-promises' };
      }
      if (!isDanglingStoredPromise(this.context, node, floating)) return null;
      return { label: shortText(`stored: ${node.id.name}`, MAX_LABEL_LENGTH), description: 'a promise stored and never awaited', node: node.id, ruleId: 'no-floating-promises' };
    }
    if (isDirective(node)) return null;
    const expression = skipExpressionWrappers(node.expression);
    if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const stored = floating.checkStored ? findDanglingFieldPromise(this.context, expression, floating) : null;
      if (stored === null) return null;
      const description = stored.storedBy
        ? `stored by ${stored.storedBy}(), first awaited by a later call`
        : stored.awaitedLater
          ? 'a promise started with the instance, first awaited by a later call'
          : 'a promise stored and never awaited';
      return { label: shortText(`stored: ${stored.name}`, MAX_LABEL_LENGTH), description, node: expression.left, ruleId: 'no-floating-promises' };
    }
    if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
      // `void promise` is detached on purpose: shown, and a problem only when the rule reports `void` too, or when
      // `void` detaches a `.finally` branch of a promise kept elsewhere (which the rule reports whatever `checkVoid`)
      if (!floating.checkVoid && findFloatingPromise(this.context, node.expression, floating) === 'finallyBranch') {
        this.namedCalls.add(skipExpressionWrappers(expression.argument));
        return { label: `floating: ${codeLabel(this.sourceCode, expression.argument, MAX_LABEL_LENGTH - 10)}`, description: FLOATING_DESCRIPTIONS.finallyBranch, node, ruleId: 'no-floating-promises' };
      }
      const reason = findFloatingPromise(this.context, node.expression, { ...floating, checkVoid: true });
      if (!reason) return null;
      this.namedCalls.add(skipExpressionWrappers(expression.argument));
      return { label: `detached: ${codeLabel(this.sourceCode, expression.argument, MAX_LABEL_LENGTH - 10)}`, description: 'void: detached on purpose', node, ruleId: floating.checkVoid ? 'no-floating-promises' : undefined };
    }
    const reason = findFloatingPromise(this.context, node.expression, floating);
    const forgotten = !reason && this.mayForgetChildProcesses ? findForgottenChildProcess(this.sourceCode, node) : null;
    if (forgotten) return { label: `floating: ${codeLabel(this.sourceCode, forgotten.call, MAX_LABEL_LENGTH - 10)}`, description: 'a child process started and forgotten', node, ruleId: 'no-floating-promises' };
    const beforeDone = reason ? null : findWorkDetachedBeforeDone(node);
    if (beforeDone) return { label: 'floating: async work', description: `not awaited before ${beforeDone.callback}() says done (line ${beforeDone.done.loc.start.line})`, node, ruleId: 'no-floating-promises' };
    const cut = !reason && this.mayCutWorkByExit ? findWorkCutByExit(this.context, node) : null;
    if (cut) {
      this.namedCalls.add(expression);
      return { label: `floating: ${codeLabel(this.sourceCode, expression, MAX_LABEL_LENGTH - 10)}`, description: 'cut off by the exit that follows the handler', node, ruleId: 'no-floating-promises' };
    }
    if (!reason) return null;
    const description = FLOATING_DESCRIPTIONS[reason];
    this.namedCalls.add(expression);
    return { label: `floating: ${codeLabel(this.sourceCode, expression, MAX_LABEL_LENGTH - 10)}`, description, node, ruleId: 'no-floating-promises' };
  }

  /**
   * Adds a row to the unit. A row for an awaited expression takes the place of the await's row (added just
   * before it, when the await is no problem of its own), and a row that is no problem of its own takes the
   * place of a misused row for the same expression (a call used as a condition), with its problem: one row
   * per expression.
   */
  private add(unit: MutableNode, kind: OutlineNodeKind, label: string, description: string, icon: string, node: TSESTree.Node, ruleId?: string): MutableNode {
    const misused = ruleId === undefined ? this.misusedRowOf.get(node) : undefined;
    const row = misused
      ? this.makeNode(kind, label, describeMisuse(misused.misuse), icon, node, MISUSED_RULE)
      : this.makeNode(kind, label, description, icon, node, ruleId);
    const replaced = misused?.row ?? (kind === 'await' ? undefined : this.awaitRowOf.get(node));
    const index = replaced ? unit.children.lastIndexOf(replaced) : -1;
    if (index >= 0) unit.children.splice(index, 1, row);
    else unit.children.push(row);
    return row;
  }

  private makeNode(kind: OutlineNodeKind, label: string, description: string, icon: string, node: TSESTree.Node, ruleId?: string): MutableNode {
    return { kind, label, description, icon, range: toRange(node), ...(ruleId ? { ruleId } : {}), children: [] };
  }

}

const MISUSED_RULE = 'no-misused-async-callback';

const FLOATING_DESCRIPTIONS: Readonly<Record<FloatingReason, string>> = {
  unhandled: 'its result and error are lost',
  uselessHandler: 'the rejection handler is not a function',
  promiseArray: 'promises nobody awaits',
  rethrowingHandler: 'its rejection handler throws again, to nobody',
  fulfilledHandlerFails: 'its first callback can fail, and the second does not catch that',
  awaitedCondition: 'the await takes only the condition, not the call it chooses',
  callbackInChain: "the caller's callback runs inside the chain: a throw calls it twice, then goes unhandled",
  finallyBranch: 'a .finally branch of a promise kept elsewhere: it rejects with it, unhandled',
  derivedDropped: 'a chain made on the promise passed in, dropped: it rejects with it, unhandled',
  handlerDropped: 'a Lambda-style handler run and its promise dropped: result and error lost',
};

const RETURN_DESCRIPTIONS: Readonly<Record<SkippedGuard['kind'], string>> = {
  catch: 'not awaited: the catch misses its rejection',
  finally: 'not awaited: the finally runs before it settles',
  using: 'not awaited: disposed before it settles',
};

const RACE_DESCRIPTIONS: Readonly<Record<Race['kind'], string>> = {
  'lazy-init': 'initialised twice',
  'check-then-set': 'loaded twice',
  'read-modify-write': 'lost update',
  'time-window': 'let through twice',
  'counted-late': 'over the limit',
  'published-early': 'used half-ready',
  'init-flag': 'initialised twice',
  'reset-late': 'additions lost',
  'swapped-state': 'swapped',
};

function toRange(node: TSESTree.Node): OutlineRange {
  return {
    start: { line: node.loc.start.line - 1, character: node.loc.start.column },
    end: { line: node.loc.end.line - 1, character: node.loc.end.column },
  };
}

function unitDescription(fn: FunctionNode, kind: string): string {
  if (kind === 'async-function') return fn.generator ? 'async generator' : 'async';
  return kind.replace('-', ' ');
}

function unitIcon(fn: FunctionNode): string {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return 'symbol-method';
  return fn.async ? 'symbol-function' : 'symbol-event';
}

function describeFanOut(sourceCode: Readonly<TSESLint.SourceCode>, fanOut: FanOut): string {
  const tasks =
    fanOut.taskCount !== null
      ? `${fanOut.taskCount} task${fanOut.taskCount === 1 ? '' : 's'}`
      : fanOut.collection
        ? `one per element of ${shortText(sourceCode.getText(fanOut.collection), 30)}`
        : fanOut.source === 'push-loop'
          ? 'one per loop iteration'
          : 'tasks from an unknown list';
  const bound = findLimitGivenToArrayMap(fanOut)
    ? 'unbounded: the limit is given to map'
    : fanOut.bound
      ? `bounded: ${BOUND_LABELS[fanOut.bound]}`
      : isUnboundedFanOut(fanOut)
        ? 'unbounded'
        : fanOut.source === 'list'
          ? 'fixed size'
          : 'size unknown';
  return `${tasks}, ${bound}`;
}

const BOUND_LABELS: Readonly<Record<NonNullable<FanOut['bound']>, string>> = {
  'array-literal': 'a written list',
  tuple: 'a tuple',
  slice: 'a slice',
  batch: 'a batch',
  'batch-loop': 'a batch loop',
  'fixed-count': 'a fixed count',
  'small-collection': 'a small collection',
  limiter: 'a limiter',
  'concurrency-option': 'a concurrency option',
  'awaits-in-loop': 'awaits inside the loop',
  'length-guard': 'a length check',
  'query-limit': "a query's limit",
};

function describeCallUse(call: TSESTree.CallExpression): string {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return 'awaited';
  if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)) return 'returned';
  return 'not awaited here';
}
