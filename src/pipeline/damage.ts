/**
 * The build's last line of defence against damaged input that still parses: too many rejected rows in a
 * table or in the MovieLens ratings, or a catalog, table or rating count much smaller than in the model it
 * would replace. Either stops the build before
 * anything is written, unless the user says the shrink is expected (`--accept-shrink`).
 */
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import type { ModelManifest } from '../core/model-manifest.ts';
import { TABLES } from '../db/tables.ts';
import type { IngestReport } from './ingest.ts';
import type { RatingsStep } from './ratings.ts';

/** A table may lose this share of its rows to rejects (plus a few rows, for tiny files). */
export const MAX_BAD_SHARE = 0.01;
const BAD_ALLOWANCE = 10;
/** The catalog or a table may be this much smaller than in the model being replaced. */
export const MAX_SHRINK = 0.2;

const HINT = 'check the file (or fetch it again with `kinema fetch --force`); --accept-shrink builds anyway';

/** Throws when a table rejected more than MAX_BAD_SHARE of its rows. */
export function checkBadRows(report: IngestReport, accept: boolean): void {
  if (accept) return;
  for (const t of report.tables) badShare(`${t.name}.tsv.gz`, t.bad, t.lines ?? t.rows + t.bad);
}

/**
 * The same two checks for the MovieLens ratings (a hand-placed or cut ratings.csv): too many malformed
 * lines, or far fewer ratings on catalog movies than the model being replaced was trained on.
 */
export function checkRatings(
  previous: ModelManifest | null,
  step: RatingsStep,
  dir: string,
  next: { catalog: string; minVotes: number; accept: boolean },
): void {
  if (next.accept) return;
  const file = join(dir, 'ratings.csv');
  const malformed = step.skips.badRows.ratings;
  badShare(file, malformed, step.read + malformed);
  const before = previous?.collab?.ratings;
  const after = step.matrix.items.length;
  if (!sameRecipe(previous, next) || before === undefined || before === 0) return;
  if (after < before * (1 - MAX_SHRINK)) throw shrinkError(file, 'ratings on catalog movies', before, after);
}

/** Throws when the new catalog, or a table's kept rows, is more than MAX_SHRINK smaller than in `previous`. */
export function checkShrink(
  previous: ModelManifest | null,
  next: { movies: number; catalog: string; minVotes: number; report: IngestReport },
  accept: boolean,
): void {
  if (accept || !previous?.counts || !sameRecipe(previous, next)) return;
  const shrunk = (before: number | undefined, after: number) =>
    before !== undefined && before > 0 && after < before * (1 - MAX_SHRINK);
  // rows compare only when the same ingest kept them; tables whose filter reads no other go first, so a
  // cut title.ratings is named rather than the akas it filters
  const tables = previous.counts.ingest === next.report.version ? next.report.tables : [];
  const depth = (name: string) => TABLES.find((spec) => spec.name === name)?.dependsOn.length ?? 0;
  for (const t of [...tables].sort((a, b) => depth(a.name) - depth(b.name))) {
    const before = previous.counts.rows[t.name];
    if (!t.missing && shrunk(before, t.rows)) throw shrinkError(`${t.name}.tsv.gz`, 'rows', before!, t.rows);
  }
  if (shrunk(previous.counts.movies, next.movies)) {
    throw shrinkError('the catalog', 'movies', previous.counts.movies, next.movies);
  }
}

// --- internal ---

function badShare(file: string, bad: number, lines: number): void {
  if (bad <= BAD_ALLOWANCE || bad <= lines * MAX_BAD_SHARE) return;
  throw new KinemaError(
    'bad-input',
    `${file}: ${bad.toLocaleString('en-US')} of ${lines.toLocaleString('en-US')} rows are bad ` +
      `(${percent(bad / lines)}, more than ${percent(MAX_BAD_SHARE)}); the model was not replaced`,
    HINT,
  );
}

/** Only a model of the same catalog recipe is compared: other options legitimately change the sizes. */
function sameRecipe(previous: ModelManifest | null, next: { catalog: string; minVotes: number }): boolean {
  return previous?.catalog.preset === next.catalog && previous.catalog.minVotes === next.minVotes;
}

function shrinkError(what: string, unit: string, before: number, after: number): KinemaError {
  const n = (x: number) => x.toLocaleString('en-US');
  return new KinemaError(
    'bad-input',
    `${what}: ${n(after)} ${unit} where the current model has ${n(before)} ` +
      `(${percent(1 - after / before)} fewer, more than ${percent(MAX_SHRINK)}); the model was not replaced`,
    HINT,
  );
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
}
