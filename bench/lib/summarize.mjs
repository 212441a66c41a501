// @ts-check
/** Turns ESLint results into the counts the benchmark table shows. */
import path from 'node:path';

const MISSING_RULE = /^Definition for rule '.+' was not found\.$/;

/**
 * @param {import('eslint').ESLint.LintResult[]} results
 * @param {boolean} withStats whether results carry ESLint `stats` (per-rule times)
 */
export function summarizeResults(results, withStats) {
  /** @type {Record<string, number>} */
  const findings = {};
  /** @type {Record<string, number>} */
  const ruleMs = {};
  let parseErrors = 0;
  let missingRuleInDisableComment = 0;
  let parseMs = 0;
  /** @type {string[]} */
  const parseErrorFiles = [];
  /** `file:line:column rule`, file relative to the corpus root, for comparing two linters' findings. */
  const findingKeys = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        parseErrors += 1;
        parseErrorFiles.push(`${result.filePath}:${message.line}: ${message.message}`);
      } else if (MISSING_RULE.test(message.message)) {
        missingRuleInDisableComment += 1;
      } else {
        const rule = message.ruleId ?? '(no rule)';
        findings[rule] = (findings[rule] ?? 0) + 1;
        findingKeys.push(`${relativeToCorpus(result.filePath)}:${message.line}:${message.column} ${rule}`);
      }
    }
    if (withStats && result.stats) {
      for (const pass of result.stats.times.passes) {
        parseMs += pass.parse.total;
        for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
      }
    }
  }
  return {
    files: results.length,
    findings,
    findingKeys,
    parseErrors,
    parseErrorFiles: parseErrorFiles.slice(0, 20),
    missingRuleInDisableComment,
    ...(withStats ? { parseMs, ruleMs } : {}),
  };
}

/** A corpus file as the manifest names it: relative to $LOOPGUARD_BENCH_ROOT, with forward slashes. */
function relativeToCorpus(filePath) {
  const root = process.env.LOOPGUARD_BENCH_ROOT;
  return (root ? path.relative(root, filePath) : filePath).split(path.sep).join('/');
}
