/**
 * The comparison table of an eval run, as aligned text for the terminal, as Markdown, and keyed by
 * strategy name for scripts.
 */
import type { ModeMetrics, StrategyResult } from './types.ts';

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

export interface ScriptMetrics {
  hr10: number;
  ndcg10: number;
  coverage: number;
  novelty: number;
  diversity: number;
}

export interface ScriptRow {
  i2i: ScriptMetrics;
  taste: ScriptMetrics;
  /** Per round, the weights the strategy chose. */
  weights?: object[];
}

/** `{ [strategy]: { i2i: { hr10, ndcg10, coverage, … }, taste: { … } } }` for `kinema eval --json`. */
export function byStrategy(results: readonly StrategyResult[]): Record<string, ScriptRow> {
  const mode = (m: ModeMetrics): ScriptMetrics => ({
    hr10: m.hr,
    ndcg10: m.ndcg,
    coverage: m.coverage,
    novelty: m.novelty,
    diversity: m.diversity,
  });
  return Object.fromEntries(
    results.map((r) => [
      r.name,
      { i2i: mode(r.similar), taste: mode(r.taste), ...(r.weights ? { weights: r.weights } : {}) },
    ]),
  );
}
