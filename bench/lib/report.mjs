// @ts-check
/** Formats a bench report as a console table and as Markdown (for bench/README.md). */

const fmt = (/** @type {number} */ n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const range = (/** @type {{median:number,min:number,max:number}|null} */ s, digits = 1) =>
  s ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : 'failed';
const ratio = (/** @type {any} */ s, /** @type {any} */ floor) => (s && floor ? `${fmt(s.median / floor.median, 2)}×` : '–');

function findingsText(findings) {
  const entries = Object.entries(findings).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([rule, count]) => `${rule.replace(/^loopguard\//, '')} ${count}`).join(', ') : '0';
}

/** The rows of the main table, as arrays of cells. */
function mainRows(report) {
  const floorOf = (row) => report.rows.find((r) => r.id === (row.concurrency > 1 ? 'floor-c2' : 'floor')) ?? report.rows.find((r) => r.id === 'floor');
  return report.rows.map((row) => {
    const floor = floorOf(row);
    const base = report.rows.find((r) => r.id === 'floor');
    return [
      row.label,
      range(row.wallS),
      ratio(row.wallS, base?.wallS),
      range(row.cpuS),
      ratio(row.cpuS, base?.cpuS),
      range(row.rssMB, 0),
      ratio(row.rssMB, base?.rssMB),
      findingsText(row.findings) + (row.findingsStable ? '' : ' (differs between runs!)'),
      String(row.missingRuleInDisableComment ?? '–'),
      String(row.parseErrors ?? '–'),
    ].map((cell) => (floor ? cell : cell));
  });
}

const HEADER = ['configuration', 'wall s', '× floor', 'CPU s', '× floor', 'peak RSS MB', '× floor', 'findings per rule', 'eslint-disable naming unloaded rules', 'parse errors'];

function latencyRows(report) {
  return Object.entries(report.latency).map(([mode, r]) =>
    r.ok
      ? [r.label ?? mode, fmt(r.firstMs, 0), fmt(r.p50, 0), fmt(r.p90, 0), fmt(r.p95, 0), fmt(r.max, 0), fmt(r.cpuP50, 0), fmt(r.cpuP90, 0), fmt(r.cpuP95, 0), fmt(r.maxRssKB ? r.maxRssKB / 1024 : NaN, 0)]
      : [r.label ?? mode, `failed: ${r.error}`, '', '', '', '', '', '', '', ''],
  );
}

/**
 * What the language-server rows measure, and their figures without the typing debounce.
 * @param {any} report
 */
function serverLatencyLines(report) {
  return Object.values(report.latency)
    .filter((/** @type {any} */ r) => r.ok && r.via === 'language server')
    .map(
      (/** @type {any} */ r) =>
        `${r.label}: didChange → publishDiagnostics of that version, including the server's typing debounce; with didSave right after the change (linted at once) p50 ${fmt(r.saved.p50, 0)}, p95 ${fmt(r.saved.p95, 0)}, max ${fmt(r.saved.max, 0)} ms; the server's own lint time p50 ${fmt(r.lintP50, 0)}, p95 ${fmt(r.lintP95, 0)} ms; CPU of the server process in steps of ${fmt(r.cpuTickMs, 0)} ms`,
    );
}
const LATENCY_HEADER = ['editor re-lint of openai/src/client.ts', 'first ms', 'p50 ms', 'p90 ms', 'p95 ms', 'max ms', 'CPU p50 ms', 'CPU p90 ms', 'CPU p95 ms', 'RSS MB'];

function robustnessLines(report) {
  return Object.entries(report.robustness).map(([label, pass]) => {
    if (!pass.ok) return `robustness (${label}): failed: ${pass.error}`;
    const rate = pass.fixParseRate === null ? 'no fixes or suggestions' : `${fmt(pass.fixParseRate * 100, 1)}% parse`;
    return `robustness (${label}, ${pass.rules.length} rules, ${pass.files} files): ${pass.crashes.length} crashes, ${pass.otherErrors.length} errors outside rules, ${pass.fixesChecked} fixes + ${pass.suggestionsChecked} suggestions applied alone: ${rate}`;
  });
}

function profileLines(report) {
  return Object.entries(report.profile).map(([id, p]) => {
    if (p.error) return `profile ${id}: failed`;
    const rules = Object.entries(p.ruleMs).sort(([, a], [, b]) => b - a);
    return `profile ${id}: parse ${fmt(p.parseMs / 1000)} s; rules ${rules.map(([rule, ms]) => `${rule.replace(/^loopguard\//, '')} ${fmt(ms / 1000, 2)} s`).join(', ') || 'none'}`;
  });
}

function machineLine(report) {
  const m = report.machine;
  return `${m.cpus} cores (${m.cpuModel}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}; load average ${fmt(m.loadAverageAtStart)} at start, ${fmt(m.loadAverageAtEnd)} at end; corpus ${report.corpus.files} files, ${report.corpus.lines} lines; ${report.runs} run(s) each (median, min–max)`;
}

function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

function markdownTable(header, rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

export function formatTable(report) {
  return [
    '',
    machineLine(report),
    textTable(HEADER, mainRows(report)),
    '',
    ...(Object.keys(report.latency).length ? [textTable(LATENCY_HEADER, latencyRows(report)), ...serverLatencyLines(report), ''] : []),
    ...profileLines(report),
    ...robustnessLines(report),
    concurrencyLine(report),
    ...oxlintLines(report),
  ].join('\n');
}

export function formatMarkdown(report) {
  return [
    `Measured ${report.date}${report.smoke ? ' (smoke)' : ''}: ${machineLine(report)}.`,
    '',
    markdownTable(HEADER, mainRows(report)),
    '',
    ...(Object.keys(report.latency).length ? [markdownTable(LATENCY_HEADER, latencyRows(report)), ''] : []),
    ...[...serverLatencyLines(report), ...profileLines(report), ...robustnessLines(report)].map((line) => `- ${line}`),
    `- ${concurrencyLine(report)}`,
    ...oxlintLines(report).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

function concurrencyLine(report) {
  if (!report.rows.some((row) => row.concurrency > 1)) return 'no --concurrency 2 rows in this run';
  return report.concurrency.mismatches.length
    ? `--concurrency 2 changed findings: ${report.concurrency.mismatches.join('; ')}`
    : 'findings identical with --concurrency 2';
}

function oxlintLines(report) {
  const comparison = report.oxlintComparison;
  if (!comparison) return [];
  if (comparison.same) return [`oxlint + Loopguard: the same ${comparison.findings} findings as ESLint's loopguard-strict, file by file, line by line`];
  return [
    `oxlint + Loopguard differs from ESLint's loopguard-strict (${comparison.findings} findings): only in ESLint ${comparison.onlyEslint.join(', ') || 'none'}; only in oxlint ${comparison.onlyOxlint.join(', ') || 'none'}`,
  ];
}
