/** The eval command's action, loaded only when `kinema eval` runs (it pulls in DuckDB and the build). */
import { existsSync } from 'node:fs';
import { writeAtomicSync } from '../../io/atomic.ts';
import { resolve } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import { formatTable } from '../../core/eval/table.ts';
import { parseWeights } from '../../core/features.ts';
import { TUNED, runEval, type EvalReport } from '../../pipeline/eval.ts';
import { terminalLogger } from '../output.ts';
import { readVersion } from '../version.ts';
import type { EvalFlags } from './eval.ts';

const REPO = new URL('../../../', import.meta.url).pathname;

export async function runEvalCommand(flags: EvalFlags): Promise<EvalReport> {
  const log = terminalLogger({ quiet: flags.json });
  const movielensDir = folder(
    flags.movielens,
    'movielens',
    '--movielens',
    'a MovieLens folder (movies.csv, links.csv, ratings.csv)',
  );
  const imdbDir = folder(flags.imdb, 'imdb-sample', '--imdb', 'a folder of IMDb .tsv.gz files');
  const trainDirs = (flags.train ?? []).map((dir) =>
    folder(dir, 'movielens', '--train', 'a MovieLens folder with ratings.csv'),
  );
  const report = await runEval(
    {
      movielensDir,
      trainDirs,
      imdbDir,
      seed: flags.seed,
      rounds: flags.rounds,
      k: flags.k,
      only: flags.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      workDir: flags.keep ? resolve(flags.keep) : undefined,
      tuned:
        flags.tuned && (flags.weights || flags.recWeights)
          ? {
              features: flags.weights ? parseWeights(flags.weights) : TUNED.features,
              recommender: flags.recWeights ? parseWeights(flags.recWeights) : TUNED.recommender,
            }
          : false,
    },
    { log, now: () => performance.now(), clock: () => new Date(), version: readVersion() },
  );
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.out) {
    writeAtomicSync(flags.out, json);
  }
  if (flags.json) {
    process.stdout.write(json);
    return report;
  }
  const s = report.summary;
  const src = report.sources;
  process.stdout.write(
    [
      `catalog: ${report.data.catalogMovies} movies; titles/years/genres from MovieLens for ${src.basics.movielens}, ` +
        `from IMDb title.basics for ${src.basics.imdb}; IMDb ratings for ${src.ratings.imdb}; runtime known for ${src.runtime.imdb}; ` +
        `crew for ${src.crew}, cast for ${src.principals}, akas for ${src.akas}`,
      `ratings: ${report.data.ratingsKept} of ${report.data.ratings} on catalog movies, ${s.users} users ` +
        `(${s.evaluatedUsers} with ≥ 2 liked); ${s.rounds} round(s), ${s.cases} held-out cases, ` +
        `${s.pairs} item-to-item (held-out, query) pairs; seed ${s.seed}` +
        (s.trainOnlyUsers
          ? `; plus ${report.data.trainOnlyRatings} training-only ratings from ${s.trainOnlyUsers} --train users`
          : ''),
      '',
      formatTable(report.results),
      '',
      `i2i = item-to-item ("more like this" from each other liked movie); taste = from all other liked movies.`,
      `build ${report.seconds.build.toFixed(1)} s, protocol ${report.seconds.protocol.toFixed(1)} s`,
      '',
    ].join('\n'),
  );
  return report;
}

/** The flag's folder, else the shared data folder next to the repo or the working directory. */
function folder(flag: string | undefined, name: string, option: string, what: string): string {
  if (flag) {
    if (!existsSync(flag))
      throw new KinemaError('not-found', `${option} ${flag} does not exist`, `pass ${what}`);
    return resolve(flag);
  }
  for (const base of [process.cwd(), REPO]) {
    const candidate = resolve(base, '..', 'shared', 'data', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new KinemaError(
    'bad-input',
    `no ${option} folder given and ../shared/data/${name} does not exist`,
    `pass ${option} <dir> with ${what}`,
  );
}
