// @ts-check
/**
 * Findings and labels of the precision dev corpus: the JSON-lines files the lint runner, the sampler and
 * the scorer read and write, and the stable id that ties a label to a report.
 */
import fs from 'node:fs';

/**
 * One report of one rule in one mode, as the lint runner writes it (`file` relative to the corpus root,
 * so it starts with the package's folder; `rule` without the `loopguard/` prefix).
 * @typedef {'syntactic' | 'typed'} Mode
 * @typedef {{ file: string, line: number, column: number, endLine: number | undefined, endColumn: number | undefined,
 *   rule: string, messageId: string | undefined, message: string, mode: Mode }} Finding
 * @typedef {'useful' | 'noise' | 'wrong'} Verdict
 * @typedef {Finding & { id: string, code: string, verdict: Verdict | null, shape: string, reason: string }} Label
 */

export const MODES = /** @type {const} */ (['syntactic', 'typed']);
export const VERDICTS = /** @type {const} */ (['useful', 'noise', 'wrong']);

/** The stable id of a report: `package/relative/file:line:column:rule:mode`. */
export function findingId(finding) {
  return `${finding.file}:${finding.line}:${finding.column}:${finding.rule}:${finding.mode}`;
}

/** The id of the same report in any mode: what the sampler ranks by, so both modes pick the same reports. */
export function locationKey(finding) {
  return `${finding.file}:${finding.line}:${finding.column}:${finding.rule}`;
}

/** The group a report is sampled and scored in: one per rule and mode. */
export function groupOf(finding) {
  return `${finding.rule} ${finding.mode}`;
}

/** Reads a JSON-lines file (blank lines ignored). */
export function readJsonLines(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON (${/** @type {Error} */ (error).message})`);
      }
    });
}

/** Writes objects as JSON lines, one per line. */
export function writeJsonLines(file, objects) {
  fs.writeFileSync(file, objects.map((object) => `${JSON.stringify(object)}\n`).join(''));
}

/** Reads a findings file written by the lint runner. */
export function readFindings(file) {
  return /** @type {Finding[]} */ (readJsonLines(file));
}

/**
 * Reads a labels file: an optional header line (`{"header": {...}}`) and one label per line. Throws on a
 * verdict outside useful / noise / wrong, and on a label without a reason or shape, unless `allowUnlabelled`
 * (a sample not yet labelled has `verdict: null`).
 * @returns {{ header: Record<string, unknown> | null, labels: Label[] }}
 */
export function readLabels(file, { allowUnlabelled = false } = {}) {
  const lines = readJsonLines(file);
  const header = lines.length > 0 && lines[0].header ? lines[0].header : null;
  const labels = /** @type {Label[]} */ (header ? lines.slice(1) : lines);
  for (const label of labels) {
    if (label.verdict === null && allowUnlabelled) continue;
    if (!VERDICTS.includes(/** @type {Verdict} */ (label.verdict))) throw new Error(`${file}: ${label.id}: verdict must be one of ${VERDICTS.join(', ')}, got ${JSON.stringify(label.verdict)}`);
    if (!label.reason || !label.shape) throw new Error(`${file}: ${label.id}: a label needs a one-line reason and a shape`);
  }
  return { header, labels };
}

/** Orders reports by file, position, rule and mode (the order of every file this folder writes). */
export function compareFindings(a, b) {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.mode.localeCompare(b.mode);
}
