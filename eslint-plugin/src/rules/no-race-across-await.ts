import { findDeleteRacingRead, mayDeleteWhileReading } from '../concurrency/concurrentDeletes';
import { findRestoredBatch, mayRestoreBatches } from '../concurrency/restoredBatches';
import { findTeardownDuringConnect, mayTearDownDuringConnect } from '../concurrency/teardownDuringConnect';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { shortText, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { stateText } from '../concurrency/sharedState';
import { getAwaitedValue } from '../core/compiledAsync';
import { createRule } from '../core/createRule';
import { reportLocation } from '../core/reportLocation';
import { buildAwaitFirstRewrite, buildPromiseCacheRewrite, type RaceRewrite } from '../concurrency/raceRewrites';
import { findAssignmentRace, findGuardedRace, type Race } from '../concurrency/racesAcrossAwait';
import { findRedirectBeforeSessionSave, mayRedirectBeforeSessionSave } from '../concurrency/sessionRedirects';
import { findFieldUsedAfterAwait, mayUseFieldsAfterAwait } from '../concurrency/staleGuards';
import { findWorkAfterStop, mayWorkAfterStop } from '../concurrency/stoppedGuards';
import { findSwappedState } from '../concurrency/swappedState';
import { findCallbackLazyInit } from '../concurrency/callbackLazyInits';
import { findChainedLazyInit } from '../concurrency/chainedLazyInits';
import { findEarlyReturnToPool, mayPoolEarly } from '../concurrency/earlyReturnsToPools';
import { isInScriptCode } from '../roles/oneShotCode';
import { isInTestCode } from '../roles/testCode';

export type Options = [{ checkTests?: boolean; checkScripts?: boolean }];

export type MessageIds = 'teardownDuringConnect' | 'deleteRacesRead' | 'batchRestoredOverNew' | 'lazyInit' | 'lazyInitByCallback' | 'lazyInitByChain' | 'lazyInitThroughMethod' | 'checkThenSet' | 'checkThenSetThroughAccessors' | 'readModifyWrite' | 'timeWindow' | 'renewedLate' | 'countedLate' | 'publishedEarly' | 'initFlagLate' | 'resetLate' | 'swappedAcrossAwait' | 'redirectBeforeSessionSave' | 'fieldUsedAfterAwait' | 'workAfterStop' | 'pooledBeforeReady' | 'suggestCachePromise' | 'suggestAwaitFirst';

export default createRule<Options, MessageIds>({
  name: 'no-race-across-await',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading shared state before an `await` and writing it after from that read, where calls can overlap',
      strict: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      batchRestoredOverNew:
        "This puts the batch back by replacing `{{state}}`, which was emptied on line {{line}} when the batch was taken: whatever other calls added to `{{state}}` while the work was pending is thrown away. Add the batch back in front of what is there (`{{state}} = {{batch}}.concat({{state}})`), or leave the entries in `{{state}}` until they are sent and take out only those.",
      deleteRacesRead:
        "`{{remove}}` deletes `{{path}}` while `{{read}}`, started in the same `Promise.all`, reads it: the operations run together, so the delete can remove the file before or while it is read, and the read fails or reads part of it at random. Await the reads first, then start the deletes.",
      teardownDuringConnect:
        "`{{teardown}}()` closes `{{connection}}` only if it is already set, but `{{connect}}()` sets it while `{{pending}}` is pending: a `{{teardown}}()` during a connect finds nothing to close and returns, and the connection opens afterwards and stays open. Wait for `{{pending}}` first (`while ({{pending}}) await {{pending}};`), or mark the instance closed so that the connect closes what it opens.",
      lazyInitByCallback:
        'Two overlapping calls can both find `{{state}}` unset before `{{operation}}` calls back, and both connect: the later callback overwrites `{{state}}` and the first connection is never closed. Keep the pending connect (a list of waiting callbacks, or a promise in a field) and have overlapping calls wait for it.',
      lazyInitByChain:
        'Two overlapping calls can both find `{{state}}` unset and both start `{{operation}}`: it is filled only in this `.then` callback, once the first call has finished, so every call that comes before that does the work again, and the last to finish overwrites the others (a client or connection made by the rest is never closed). Keep the pending promise in `{{state}}` at once (and remove it if it rejects), so overlapping calls share it.',
      lazyInit:
        'Two overlapping calls can both find `{{state}}` unset, both wait for `{{operation}}`, and the later one overwrites the first: the work runs twice and the first result is dropped (a connection or client made by the first call would never be closed). Cache the promise instead (`{{state}} ??= {{operation}}`) so overlapping calls share it, or initialise under a lock.',
      lazyInitThroughMethod:
        'Two overlapping calls can both find `{{state}}` unset and both run `{{operation}}`, which sets `{{state}}` only after an `await` of its own: the work runs twice (a token fetched twice, a client made twice and one never closed). Keep the pending call in a field (`this.pending ??= {{operation}}`, cleared when it settles) and have every caller await it, or refresh under a lock.',
      checkThenSetThroughAccessors:
        'Two overlapping calls can both miss `{{key}}` in the cache `{{state}}(…)` reads and both run `{{operation}}`: the work is done once per caller and the later result overwrites the first. Cache the pending promise at once (`{{writer}}(…)` before the `await`) and await it, or load under a lock.',
      checkThenSet:
        'Two overlapping calls can both miss `{{key}}` in `{{state}}` and both run `{{operation}}`: the work is done once per caller and the later result overwrites the first. Store the pending promise in `{{state}}` at once and await it, or load under a lock.',
      timeWindow:
        'Overlapping calls can all find `{{state}}` due before any of them waits for `{{operation}}`, since `{{state}}` is updated only after the `await`: each of them runs it (a throttle or an expiry that lets a burst through). Update `{{state}}` before the `await` (and restore it if the work fails), or keep the pending promise so overlapping calls share it.',
      renewedLate:
        'Overlapping calls can all find `{{state}}` expired before any of them has renewed it, since `{{state}}` is renewed only after `await {{operation}}`: each of them renews it (a token fetched once per caller, and the last one kept). Keep the pending renewal where overlapping calls can await it (`this.renewing ??= this.renew()`, cleared when it settles), or renew under a lock.',
      countedLate:
        'Overlapping calls can all pass the check of `{{state}}` before any of them counts itself, since `{{state}}` is raised only after `await {{operation}}`: more of them get through than the limit allows. Raise `{{state}}` before the `await` (and lower it again if nothing is started).',
      publishedEarly:
        '`{{state}}` is stored before `await {{operation}}` has prepared it: an overlapping call finds it set, skips the preparation and uses it half-ready (or sees it fail later). Store the promise of the whole preparation instead and have every caller await it (clear it if it rejects), or store `{{state}}` only once it is ready.',
      initFlagLate:
        'Operations started together can all find `{{state}}` unset and all run this initialisation, since `{{state}}` is set only after `await {{operation}}`: the set-up runs twice or more at once (tables created twice, a connection opened per caller). Keep the promise of the whole initialisation in a field (`this.initializing ??= this.runInit()`, cleared if it rejects) and have every caller await it.',
      resetLate:
        '`{{state}}` is used before `await {{operation}}` and emptied only after it: whatever other code adds to `{{state}}` while this call waits is emptied unread (lost), and an overlapping call uses the same entries again. Take the entries and empty `{{state}}` in one step before the `await` (`const batch = {{state}}; {{state}} = …;`), then work on `batch` (put it back if the work fails).',
      swappedAcrossAwait:
        '`{{state}}` is swapped for the length of `await {{operation}}` and put back here: overlapping calls see each other\'s value while they wait, and a call that starts during another\'s swap saves that value and puts it back when it ends, so the original is lost. Hand the value to the work directly (an argument, an option, AsyncLocalStorage) instead of through shared state, or run the calls one at a time.',
      redirectBeforeSessionSave:
        "This redirect follows a change to `{{session}}` (line {{line}}) that has not been saved: express-session saves a changed session only as the response ends, after the redirect's headers have gone out, so with a store that saves asynchronously the browser can follow the redirect before the session is written, and that request reads the old session. Save it first: `{{session}}.save((error) => error ? next(error) : res.redirect(…))`.",
      fieldUsedAfterAwait:
        "`{{field}}` is checked on line {{line}}, before `await {{operation}}`, and used here after it without a new check, while {{emptier}} empties it: if that runs while this call waits, this line throws (or works on what replaced it). Check `{{field}}` again after the `await`, or keep what you checked in a local before it and stop if the field changed.",
      workAfterStop:
        "`{{field}}` is checked on line {{line}}, before `await {{operation}}`, and not again after it, while {{stopper}} sets it: a stop that comes while this call waits is not seen, and this line still works for the stopped object (hands on its result, starts its work again). Check `{{field}}` again after the `await` and return if it is set.",
      pooledBeforeReady:
        "`{{item}}` goes back into `{{pool}}` before `{{operation}}` has finished: a call that overlaps this one's wait can take it out of the pool (line {{line}}) and start using it while it is still being stopped, and the stop then ends that caller's work. Await `{{operation}}` first, then put `{{item}}` back.",
      readModifyWrite:
        '`{{state}}` is read before `await {{operation}}` and written after it from that read, and overlapping calls of this code interleave at the `await`: an update the other call makes meanwhile is lost. Read `{{state}}` after the `await`, or serialise the updates with a lock or a queue.',
      suggestCachePromise: 'Cache the promise in `{{state}}` (and clear it if it rejects), so overlapping calls share one.',
      suggestAwaitFirst: 'Await `{{operation}}` first, then read and update `{{state}}` in one step.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkTests: { type: 'boolean', description: 'Also report in test code, whose calls rarely overlap.' },
          checkScripts: { type: 'boolean', description: 'Also report in command-line scripts, benchmarks and examples, which run once.' },
        },
      },
    ],
    defaultOptions: [{ checkTests: false, checkScripts: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();
    const checkSessionRedirects = mayRedirectBeforeSessionSave(sourceCode.text);
    const checkFieldsAfterAwait = mayUseFieldsAfterAwait(sourceCode.text);
    const checkWorkAfterStop = mayWorkAfterStop(sourceCode.text);
    const checkEarlyPooling = mayPoolEarly(sourceCode.text);
    const checkTeardowns = mayTearDownDuringConnect(sourceCode.text);
    const checkConcurrentDeletes = mayDeleteWhileReading(sourceCode.text);
    const checkRestoredBatches = mayRestoreBatches(sourceCode.text);
    const isReportable = (node: TSESTree.Node): boolean => (options.checkTests || !isInTestCode(context, node)) && (options.checkScripts || !isInScriptCode(context, node));
    const reportFieldUsedAfterAwait = (guard: TSESTree.IfStatement): void => {
      const found = findFieldUsedAfterAwait(sourceCode, guard);
      if (!found || !isReportable(found.use)) return;
      const emptier = found.emptiedIn ? `\`${found.emptiedIn}()\` (line ${found.emptying.loc.start.line})` : `the code on line ${found.emptying.loc.start.line}`;
      const data = { field: shortText(found.field), line: String(guard.loc.start.line), operation: shortText(sourceCode.getText(getAwaitedValue(found.awaitNode))), emptier };
      context.report({ node: found.use, loc: reportLocation(sourceCode, found.use), messageId: 'fieldUsedAfterAwait', data });
    };
    const reportWorkAfterStop = (guard: TSESTree.IfStatement): void => {
      const found = findWorkAfterStop(sourceCode, guard);
      if (!found || !isReportable(found.work)) return;
      const stopper = found.stoppedIn ? `\`${found.stoppedIn}()\` (line ${found.stopping.loc.start.line})` : `the code on line ${found.stopping.loc.start.line}`;
      const data = { field: shortText(found.field), line: String(guard.loc.start.line), operation: shortText(sourceCode.getText(getAwaitedValue(found.awaitNode))), stopper };
      context.report({ node: found.work, loc: reportLocation(sourceCode, found.work), messageId: 'workAfterStop', data });
    };
    const reportCallbackLazyInit = (guard: TSESTree.IfStatement): void => {
      const found = findCallbackLazyInit(sourceCode, guard);
      if (!found || !isReportable(found.write)) return;
      const data = { state: shortText(found.state), operation: shortText(sourceCode.getText(found.call.callee)) + '(…)' };
      context.report({ node: found.write, loc: reportLocation(sourceCode, found.write), messageId: 'lazyInitByCallback', data });
    };
    const reportChainedLazyInit = (guard: TSESTree.IfStatement): void => {
      const found = findChainedLazyInit(sourceCode, guard);
      if (!found || !isReportable(found.write)) return;
      const data = { state: shortText(found.state), operation: shortText(sourceCode.getText(found.call.callee)) + '(…)' };
      context.report({ node: found.write, loc: reportLocation(sourceCode, found.write), messageId: 'lazyInitByChain', data });
    };
    const reportTeardownDuringConnect = (guard: TSESTree.IfStatement): void => {
      const found = findTeardownDuringConnect(guard);
      if (!found || !isReportable(guard)) return;
      const data = { teardown: shortText(found.teardown, 30), connection: shortText(found.connection), pending: shortText(found.pending), connect: shortText(found.connect, 30) };
      context.report({ node: found.test, loc: reportLocation(sourceCode, found.test), messageId: 'teardownDuringConnect', data });
    };
    const reportDeleteRacingRead = (all: TSESTree.CallExpression): void => {
      const found = findDeleteRacingRead(sourceCode, all);
      if (!found || !isReportable(found.remove)) return;
      const data = { remove: shortText(sourceCode.getText(found.remove.callee), 30) + '(…)', read: shortText(sourceCode.getText(found.read.callee), 30) + '(…)', path: shortText(found.path, 30) };
      context.report({ node: found.remove, loc: reportLocation(sourceCode, found.remove), messageId: 'deleteRacesRead', data });
    };
    const reportRestoredBatch = (write: TSESTree.AssignmentExpression): void => {
      const found = findRestoredBatch(sourceCode, write);
      if (!found || reported.has(write) || !isReportable(write)) return;
      reported.add(write);
      const data = { state: shortText(found.state), batch: found.batch, line: String(found.reset.loc.start.line) };
      context.report({ node: write, loc: reportLocation(sourceCode, write), messageId: 'batchRestoredOverNew', data });
    };
    const reportEarlyReturnToPool = (call: TSESTree.CallExpression): void => {
      const found = findEarlyReturnToPool(sourceCode, call);
      if (!found || !isReportable(call)) return;
      const data = { item: found.item, pool: shortText(found.pool), operation: shortText(sourceCode.getText(found.operation)), line: String(found.take.loc.start.line) };
      context.report({ node: call, loc: reportLocation(sourceCode, call), messageId: 'pooledBeforeReady', data });
    };
    const report = (race: Race | null): void => {
      if (!race || reported.has(race.write)) return;
      if (!options.checkTests && isInTestCode(context, race.write)) return;
      if (!options.checkScripts && isInScriptCode(context, race.write)) return;
      reported.add(race.write);
      const operation = shortText(sourceCode.getText(getAwaitedValue(race.awaitNode)));
      const data = { state: shortText(race.state.text), operation, key: keyOf(sourceCode, race) };
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const cache = buildPromiseCacheRewrite(context, race);
      if (cache) suggest.push({ messageId: 'suggestCachePromise', data, fix: (fixer) => apply(fixer, cache) });
      const awaitFirst = buildAwaitFirstRewrite(sourceCode, race);
      if (awaitFirst) suggest.push({ messageId: 'suggestAwaitFirst', data, fix: (fixer) => apply(fixer, awaitFirst) });
      const writer = race.kind === 'check-then-set' ? ownAccessorWriter(sourceCode, race) : null;
      const messageId = race.writer ? 'lazyInitThroughMethod' : race.renewal ? 'renewedLate' : writer ? 'checkThenSetThroughAccessors' : MESSAGE_OF[race.kind];
      context.report({ node: race.write, loc: reportLocation(sourceCode, race.write), messageId, data: writer ? { ...data, writer } : data, suggest });
    };
    return {
      IfStatement(node) {
        report(findGuardedRace(sourceCode, node));
        reportCallbackLazyInit(node);
        reportChainedLazyInit(node);
        if (checkFieldsAfterAwait) reportFieldUsedAfterAwait(node);
        if (checkWorkAfterStop) reportWorkAfterStop(node);
        if (checkTeardowns) reportTeardownDuringConnect(node);
      },
      WhileStatement(node) {
        report(findGuardedRace(sourceCode, node));
      },
      AssignmentExpression(node) {
        report(findAssignmentRace(sourceCode, node));
        if (checkRestoredBatches) reportRestoredBatch(node);
      },
      TryStatement(node) {
        if (node.finalizer) report(findSwappedState(sourceCode, node));
      },
      CallExpression(node) {
        if (checkEarlyPooling) reportEarlyReturnToPool(node);
        if (checkConcurrentDeletes) reportDeleteRacingRead(node);
        if (!checkSessionRedirects) return;
        const found = findRedirectBeforeSessionSave(sourceCode, node);
        if (!found || !isReportable(node)) return;
        const data = { session: shortText(found.session), line: String(found.write.loc.start.line) };
        context.report({ node, loc: reportLocation(sourceCode, node), messageId: 'redirectBeforeSessionSave', data });
      },
    };
  },
});

const MESSAGE_OF: Readonly<Record<Race['kind'], MessageIds>> = {
  'lazy-init': 'lazyInit',
  'check-then-set': 'checkThenSet',
  'read-modify-write': 'readModifyWrite',
  'time-window': 'timeWindow',
  'counted-late': 'countedLate',
  'published-early': 'publishedEarly',
  'init-flag': 'initFlagLate',
  'reset-late': 'resetLate',
  'swapped-state': 'swappedAcrossAwait',
};

/** The cache key a `check-then-set` race tests (`key` in `cache.has(key)`). */
function keyOf(sourceCode: Readonly<TSESLint.SourceCode>, race: Race): string {
  if (race.kind !== 'check-then-set') return '';
  const text = sourceCode.getText(race.read);
  const key = /\(([\s\S]*)\)\s*$|\[([\s\S]*)\]\s*$/.exec(text);
  return shortText(key?.[1] ?? key?.[2] ?? text);
}

function apply(fixer: TSESLint.RuleFixer, rewrite: RaceRewrite): TSESLint.RuleFix {
  return fixer.replaceTextRange([rewrite.range[0], rewrite.range[1]], rewrite.text);
}

/**
 * `this._putToCache` when the race reads and fills the cache through the instance's own accessors (`const cached =
 * this._getFromCache(key)` … `this._putToCache(tests, key)`): the message then names the accessors, not a store to
 * put the promise in. Null for any other race.
 */
function ownAccessorWriter(sourceCode: Readonly<TSESLint.SourceCode>, race: Race): string | null {
  const read = skipExpressionWrappers(race.read);
  const write = race.write;
  if (read.type !== AST_NODE_TYPES.CallExpression || write.type !== AST_NODE_TYPES.CallExpression) return null;
  const reader = skipExpressionWrappers(read.callee);
  const writer = skipExpressionWrappers(write.callee);
  const onThis = (callee: TSESTree.Node): boolean => callee.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression;
  if (!onThis(reader) || !onThis(writer) || stateText(sourceCode, reader) !== race.state.text) return null;
  return sourceCode.getText(writer);
}
