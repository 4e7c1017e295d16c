/** The recommend command's action: load the model, resolve titles, print a list (text or JSON). */
import { existsSync, readFileSync } from 'node:fs';
import { readExportFile } from '../../core/ratings/export-file.ts';
import {
  modelCatalogue,
  tasteFromRows,
  unmatchedSummary,
  type ImportedTaste,
} from '../../core/ratings/taste-from-export.ts';
import { KinemaError } from '../../core/errors.ts';
import { genreNames, type Genre } from '../../core/genres.ts';
import { loadModel } from '../../core/model-load.ts';
import type { Model } from '../../core/model.ts';
import { createRecommender } from '../../core/recommend/index.ts';
import type { Explanation, Filters, ListOptions } from '../../core/recommend/types.ts';
import { createTitleSearch } from '../../core/search/index.ts';
import type { TitleSearch } from '../../core/search/types.ts';
import { fileModelReader, fileRangeOpener } from '../../runtime/files.ts';
import type { RecommendFlags } from './recommend.ts';

interface Row {
  rank: number;
  id: string;
  title: string;
  year: number;
  genres: string[];
  rating: number;
  votes: number;
  score?: number;
  explanation?: Explanation;
}

export async function runRecommend(title: string | undefined, given: RecommendFlags): Promise<void> {
  const flags = {
    ...given,
    like: given.like ?? [],
    dislike: given.dislike ?? [],
    seen: given.seen ?? [],
    genre: given.genre ?? [],
    notGenre: given.notGenre ?? [],
  };
  if (!existsSync(flags.model)) {
    throw new KinemaError(
      'model',
      `no model folder at ${flags.model}`,
      'run `kinema build`, or pass --model DIR',
    );
  }
  const model = await loadModel(fileModelReader(flags.model), { open: fileRangeOpener(flags.model) });
  // the index the build shipped (akas included): the same resolver the site's search uses
  const search = createTitleSearch(model.catalog, { index: model.titleIndex?.() });
  const recommender = createRecommender(model);
  const resolve = (text: string) => resolveTitle(model, search, text);
  const options: ListOptions = {
    limit: flags.limit,
    filters: filters(flags),
    diversity: flags.diversity,
    gems: flags.gems,
  };
  const imported = (given.ratings ?? []).map((file) => importRatings(model, search, file, flags));
  const liked = [
    ...(title !== undefined && (flags.like.length || imported.length) ? [title] : []),
    ...flags.like,
  ].map(resolve);
  for (const taste of imported) for (const row of taste.liked) if (!liked.includes(row)) liked.push(row);
  if (imported.length && liked.length === 0) {
    throw new KinemaError(
      'bad-input',
      `no liked movie among the imported ratings (none at ${flags.likeAt}/10 or more matched the catalog)`,
      'lower --like-at, or add --like TITLE',
    );
  }
  let heading: string;
  let rows: Row[];
  // what the titles given resolved to, so a --json reader knows which movies were meant
  let resolved: Record<string, unknown> = {};
  if (flags.tune?.length && (liked.length || title === undefined)) {
    throw new KinemaError(
      'bad-input',
      '--tune re-ranks the list of one title',
      'give a title without --like, e.g. kinema recommend "Alien" --tune newer',
    );
  }
  if (liked.length) {
    const disliked = [...flags.dislike.map(resolve), ...imported.flatMap((t) => t.disliked)];
    const seen = [...flags.seen.map(resolve), ...imported.flatMap((t) => t.seen)];
    const list = recommender.taste({ liked, disliked, seen }, options);
    heading = `For someone who liked ${
      liked.length > 5
        ? `${liked
            .slice(0, 5)
            .map((i) => label(model, i))
            .join(', ')} and ${liked.length - 5} more`
        : liked.map((i) => label(model, i)).join(', ')
    }`;
    resolved = {
      liked: liked.map((i) => ref(model, i)),
      ...(imported.length
        ? {
            unmatched: imported.flatMap((t) =>
              t.unmatched.map((r) => ({ file: t.file, line: r.line, title: r.title, year: r.year })),
            ),
          }
        : {}),
      ...(disliked.length ? { disliked: disliked.map((i) => ref(model, i)) } : {}),
      ...(seen.length ? { seen: seen.map((i) => ref(model, i)) } : {}),
    };
    rows = list.map((r, k) => row(model, r.index, k, r.score, r.explanation));
  } else if (title !== undefined) {
    const index = resolve(title);
    const seen = new Set(flags.seen.map(resolve));
    // --seen on a similar list: ask for a few more and drop them
    const list = recommender
      .similar(index, {
        ...options,
        limit: Math.min(500, flags.limit + seen.size),
        tune: flags.tune?.length ? { moves: flags.tune } : undefined,
      })
      .filter((r) => !seen.has(r.index))
      .slice(0, flags.limit);
    heading = `More like ${label(model, index)}${flags.tune?.length ? `, but ${flags.tune.join(', ')}` : ''}`;
    resolved = {
      movie: ref(model, index),
      ...(seen.size ? { seen: [...seen].map((i) => ref(model, i)) } : {}),
    };
    rows = list.map((r, k) => row(model, r.index, k, r.score, r.explanation));
  } else {
    const list = flags.gems
      ? recommender.hiddenGems({ limit: flags.limit, filters: options.filters })
      : recommender.popular({ limit: flags.limit, filters: options.filters });
    heading = flags.gems ? 'Hidden gems' : 'Most popular';
    rows = list.map((i, k) => row(model, i, k));
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ heading, ...resolved, results: rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${heading}\n`);
  if (rows.length === 0) process.stdout.write('  (nothing matches these filters)\n');
  for (const r of rows) {
    const votes =
      r.votes >= 1e6
        ? `${(r.votes / 1e6).toFixed(1)}M`
        : r.votes >= 1e3
          ? `${Math.round(r.votes / 1e3)}k`
          : String(r.votes);
    process.stdout.write(
      `${String(r.rank).padStart(3)}. ${r.title} (${r.year})  ${r.genres.join(', ')}  ★ ${r.rating.toFixed(1)}  ${votes} votes  ${r.id}\n`,
    );
    if (r.explanation) process.stdout.write(`     ${r.explanation.sentence}\n`);
  }
}

function importRatings(
  model: Model,
  search: TitleSearch,
  file: string,
  flags: RecommendFlags,
): ImportedTaste & { file: string } {
  if (!existsSync(file)) throw new KinemaError('bad-input', `no ratings file at ${file}`);
  const { rows } = readExportFile(new Uint8Array(readFileSync(file)), file);
  const taste = tasteFromRows(rows, modelCatalogue(model, search), {
    likeAt: flags.likeAt,
    dislikeAt: flags.dislikeAt,
  });
  const note = unmatchedSummary(taste, file);
  if (note) process.stderr.write(`${note}\n`);
  return { ...taste, file };
}

/** A tt id or what the user typed → one row, or a "did you mean" error (exit code 2). */
export function resolveTitle(model: Model, search: TitleSearch, text: string): number {
  const found = search.resolve(text);
  if ('index' in found) return found.index;
  const ideas = found.suggestions
    .slice(0, 5)
    .map((s) => `${label(model, s.index)} ${model.catalog.id.get(s.index)}`);
  throw new KinemaError(
    'bad-input',
    `no movie in the model matches "${text}"`,
    ideas.length ? `did you mean: ${ideas.join('; ')}` : 'check the spelling, or use a tt id',
  );
}

function filters(flags: RecommendFlags & { genre: Genre[]; notGenre: Genre[] }): Filters | undefined {
  const f: Filters = {
    genresInclude: flags.genre.length ? flags.genre : undefined,
    genresExclude: flags.notGenre.length ? flags.notGenre : undefined,
    yearMin: flags.year?.min,
    yearMax: flags.year?.max,
    ratingMin: flags.minRating,
    votesMin: flags.minVotes,
    runtimeMin: flags.runtime?.min,
    runtimeMax: flags.runtime?.max,
  };
  return Object.values(f).some((v) => v !== undefined) ? f : undefined;
}

interface MovieRef {
  id: string;
  title: string;
  year: number;
}

function ref(model: Model, i: number): MovieRef {
  return { id: model.catalog.id.get(i), title: model.catalog.title.get(i), year: model.catalog.year[i]! };
}

function label(model: Model, i: number): string {
  return `${model.catalog.title.get(i)} (${model.catalog.year[i]!})`;
}

function row(model: Model, i: number, k: number, score?: number, explanation?: Explanation): Row {
  const c = model.catalog;
  return {
    rank: k + 1,
    id: c.id.get(i),
    title: c.title.get(i),
    year: c.year[i]!,
    genres: genreNames(c.genres[i]!),
    rating: Math.round(c.rating[i]! * 10) / 10,
    votes: c.votes[i]!,
    ...(score === undefined ? {} : { score: Math.round(score * 10000) / 10000 }),
    ...(explanation ? { explanation } : {}),
  };
}
