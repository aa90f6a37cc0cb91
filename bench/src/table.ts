/** The results as a Markdown table: measurement, median, target, and whether it is met. */
import { meets, type Row } from './measure.js';

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function formatTarget(row: Row): string {
  if (row.target === undefined) return '';
  return 'atLeast' in row.target
    ? `≥ ${format(row.target.atLeast, row.unit)}`
    : `≤ ${format(row.target.atMost, row.unit)}`;
}

export function formatTable(rows: readonly Row[]): string {
  const lines = [
    ['measurement', 'median', 'target', ''],
    ...rows.map((row) => [
      row.measurement,
      format(row.value, row.unit),
      formatTarget(row),
      row.target === undefined ? '' : meets(row) ? 'met' : 'MISSED',
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (line: string[]): string =>
    `| ${line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|`;
  const [header, ...body] = lines;
  return [render(header ?? []), rule, ...body.map(render)].join('\n');
}
