/**
 * Recommendation quality, the figures: `kinema eval` on the shared MovieLens users and the real
 * IMDb sample for several seeds, medians per strategy and mode, and each goal checked against the rows
 * of the same run (hybrid vs item-kNN, every pure collaborative row and most popular; IMDb-only vs most
 * popular).
 *
 *   node --import tsx bench/eval.ts [--seeds 42,43,44] [--rounds 3] [--json FILE] [--markdown FILE]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import type { ModeMetrics, StrategyResult } from '../src/core/eval/types.ts';
import { runEval, type EvalReport } from '../src/pipeline/eval.ts';
import { median } from './_run.ts';

const args = process.argv.slice(2);
const value = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const seeds = (value('seeds') ?? '42,43,44').split(',').map(Number);
const rounds = Number(value('rounds') ?? 3);
const DATA = resolve(import.meta.dirname, '../../shared/data');

const reports: EvalReport[] = [];
for (const seed of seeds) {
  const started = performance.now();
  const report = await runEval(
    { movielensDir: resolve(DATA, 'movielens'), imdbDir: resolve(DATA, 'imdb-sample'), seed, rounds },
    { log: memoryLogger(), now: () => performance.now(), clock: () => new Date(), version: 'bench' },
  );
  reports.push(report);
  const s = ((performance.now() - started) / 1000).toFixed(0);
  process.stderr.write(
    `seed ${seed}: ${report.summary.cases} cases, ${s} s, load ${loadavg()[0]!.toFixed(1)}\n`,
  );
}

type Mode = 'similar' | 'taste';
const KEYS = ['hr', 'ndcg', 'coverage', 'novelty', 'diversity'] as const;
const names = reports[0]!.results.map((r) => r.name);
const at = (name: string, mode: Mode, key: keyof ModeMetrics) =>
  median(reports.map((r) => r.results.find((x: StrategyResult) => x.name === name)![mode][key]));

const f = (x: number) => x.toFixed(3);
const header = ['strategy', ...(['i2i', 'taste'] as const).flatMap((m) => KEYS.map((k) => `${m} ${k}`))];
const rows = names.map((name) => [
  name,
  ...(['similar', 'taste'] as const).flatMap((mode) => KEYS.map((k) => f(at(name, mode, k)))),
]);
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const markdown = [line(header), line(header.map((_, c) => (c ? '---:' : '---'))), ...rows.map(line)];

const hr = (name: string, mode: Mode) => at(name, mode, 'hr');
const cov = (name: string, mode: Mode) => at(name, mode, 'coverage');
const MP = 'most popular (IMDb votes)';
const H = 'kinema hybrid';
const IO = 'kinema IMDb-only';
const pureCollab = names.filter((n) => n.startsWith('CF ') || n.startsWith('item-kNN'));
const goals: [string, number, number][] = [
  ['hybrid taste HR ÷ item-kNN (≥ 1.1)', hr(H, 'taste') / hr('item-kNN CF (reference)', 'taste'), 1.1],
  ...pureCollab.map((n): [string, number, number] => [
    `hybrid taste HR ÷ ${n} (≥ 1)`,
    hr(H, 'taste') / hr(n, 'taste'),
    1,
  ]),
  ['hybrid taste HR ÷ most popular (≥ 2)', hr(H, 'taste') / hr(MP, 'taste'), 2],
  ['hybrid i2i HR ÷ most popular (≥ 1)', hr(H, 'similar') / hr(MP, 'similar'), 1],
  ['hybrid i2i coverage ÷ most popular (≥ 10)', cov(H, 'similar') / cov(MP, 'similar'), 10],
  ['IMDb-only taste HR ÷ most popular (≥ 1)', hr(IO, 'taste') / hr(MP, 'taste'), 1],
  ['IMDb-only i2i HR ÷ most popular (≥ 0.5)', hr(IO, 'similar') / hr(MP, 'similar'), 0.5],
  ['IMDb-only i2i coverage ÷ most popular (≥ 10)', cov(IO, 'similar') / cov(MP, 'similar'), 10],
];
const checks = goals.map(
  ([what, ratio, goal]) => `- ${what}: ${ratio.toFixed(2)} ${ratio >= goal ? 'met' : 'MISSED'}`,
);
/** The chosen weights per round, without the grid scores the blend search also reports. */
const chosen = (r: EvalReport, name: string) =>
  JSON.stringify(
    (r.results.find((x) => x.name === name)?.weights ?? []).map((w) => {
      const { similar, taste } = w as { similar?: object; taste?: object };
      return { similar, taste };
    }),
  );
const weights = reports.map(
  (r, i) => `- seed ${seeds[i]}: hybrid ${chosen(r, H)}; IMDb-only ${chosen(r, IO)}`,
);
const out = [
  `Medians over seeds ${seeds.join(', ')}, ${rounds} round(s) each; ${reports[0]!.summary.evaluatedUsers} reported users, ` +
    `${reports[0]!.summary.tuneUsers} tuning users (never reported).`,
  '',
  ...markdown,
  '',
  ...checks,
  '',
  'Weights each row chose per round (blend search on the tuning users):',
  ...weights,
].join('\n');
process.stdout.write(`${out}\n`);
const md = value('markdown');
if (md) writeFileSync(md, `${out}\n`);
const json = value('json');
// the chosen weights only: every round's grid scores would make the file too big to stringify
const slim = reports.map((r) => ({ ...r, results: r.results.map(({ weights: _w, ...rest }) => rest) }));
if (json) writeFileSync(json, JSON.stringify({ seeds, rounds, reports: slim }, null, 2));
