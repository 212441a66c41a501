// @ts-check
/** Prints rows of plain objects as a console table or as a Markdown table (for bench/precision/README.md). */

/**
 * @param {Record<string, string | number>[]} rows
 * @param {boolean} markdown
 */
export function printTable(rows, markdown) {
  if (!markdown) {
    console.table(rows);
    return;
  }
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(columns));
  console.log(line(columns.map(() => '---')));
  for (const row of rows) console.log(line(columns.map((column) => String(row[column] ?? ''))));
  console.log();
}

/** A share as a whole percentage, or "–" when there is nothing to share. */
export function percent(share) {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}
