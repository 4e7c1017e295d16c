/** The comparison table of an eval run, as aligned text for the terminal and as Markdown. */
import type { StrategyResult } from './types.ts';

const COLUMNS = ['HR@10', 'NDCG@10', 'coverage', 'novelty', 'ILD'] as const;

function cells(r: StrategyResult): string[] {
  const f = (x: number) => x.toFixed(3);
  const mode = (m: StrategyResult['similar']) => [
    f(m.hr),
    f(m.ndcg),
    f(m.coverage),
    f(m.novelty),
    f(m.diversity),
  ];
  return [r.name, ...mode(r.similar), ...mode(r.taste), r.seconds.toFixed(1)];
}

const HEADER = [
  'strategy',
  ...COLUMNS.map((c) => `i2i ${c}`),
  ...COLUMNS.map((c) => `taste ${c}`),
  'seconds',
];

/** Fixed-width text: the strategy name left-aligned, numbers right-aligned. */
export function formatTable(results: readonly StrategyResult[]): string {
  const rows = [HEADER, ...results.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) =>
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    )
    .join('\n');
}

/** GitHub Markdown table, for bench/README.md. */
export function markdownTable(results: readonly StrategyResult[]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [
    line(HEADER),
    line(HEADER.map((_, c) => (c === 0 ? '---' : '---:'))),
    ...results.map((r) => line(cells(r))),
  ].join('\n');
}
