/** `kinema recommend`: movies like a title, for a taste, or the most popular; text or JSON. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { KinemaError } from '../../core/errors.ts';
import { genreNames, type Genre } from '../../core/genres.ts';
import type { Model } from '../../core/model.ts';
import type { ImportedTaste } from '../../core/ratings/taste-from-export.ts';
import type { Explanation, Filters, ListOptions } from '../../core/recommend/types.ts';
import { MOVES, type Move } from '../../core/recommend/tune.ts';
import type { TitleSearch } from '../../core/search/types.ts';
import { collect, genres, moves, number, positiveInt, range, type Range } from '../options.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';

export interface RecommendFlags {
  model: string;
  like?: string[];
  ratings?: string[];
  likeAt: number;
  dislikeAt: number;
  dislike?: string[];
  seen?: string[];
  genre?: Genre[];
  notGenre?: Genre[];
  year?: Range;
  minRating?: number;
  minVotes?: number;
  runtime?: Range;
  diversity?: number;
  tune?: Move[];
  gems?: boolean;
  limit: number;
  json?: boolean;
}

export function defineRecommend(program: Command): void {
  program
    .command('recommend')
    .description('movies like a title, or for a taste profile of several liked and disliked titles')
    .argument('[title]', 'a title ("Dune (2021)" picks a year; typos and accents are fine) or a tt id')
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--like <title>', 'a movie you liked (repeat for a taste profile)', collect)
    .option(
      '--ratings <file>',
      'your IMDb ratings export or Letterboxd ratings.csv / watched.csv as a taste (repeatable)',
      collect,
    )
    .option(
      '--like-at <x>',
      'imported ratings at or above this are likes (1-10; Letterboxd × 2)',
      number('--like-at', 1, 10),
      7,
    )
    .option(
      '--dislike-at <x>',
      'imported ratings at or below this are dislikes (1-10)',
      number('--dislike-at', 0, 10),
      4,
    )
    .option('--dislike <title>', 'a movie you did not like: pushes similar ones down (repeatable)', collect)
    .option('--seen <title>', 'a movie to leave out of the results (repeatable)', collect)
    .option(
      '--genre <names>',
      'only movies with at least one of these genres (comma-separated, repeatable)',
      genres,
    )
    .option('--not-genre <names>', 'no movies with any of these genres', genres)
    .option('--year <range>', 'release years, e.g. 1990-1999, 2000- or -1979', range('--year'))
    .option('--min-rating <x>', 'minimum IMDb rating (0-10)', number('--min-rating', 0, 10))
    .option('--min-votes <n>', 'minimum number of IMDb votes', number('--min-votes', 0, 1e9))
    .option('--runtime <range>', 'runtime in minutes, e.g. 80-120', range('--runtime'))
    .option(
      '--diversity <x>',
      '0 = most similar first, up to 1 = most varied list (MMR)',
      number('--diversity', 0, 1),
    )
    .option(
      '--tune <moves>',
      `like this, but…: re-rank the title's own top 50, comma-separated (repeatable): ${MOVES.join(', ')}`,
      moves,
    )
    .option('--gems', 'hidden gems only: well rated, 2,500 votes or more but fewer than Top rated needs')
    .option('--limit <n>', 'how many movies to list', positiveInt('--limit'), 10)
    .option('--json', 'print the list with explanations as JSON')
    .addHelpText(
      'after',
      `
With a title: movies like it, each with the reason ("same director", "same franchise", shared
genres and era). With --like (and the title, if given): a taste profile from all liked movies,
never listing them, pushed away from --dislike. With neither: the most popular movies (or, with
--gems, the best-rated little-known ones), which the filters narrow down.
--tune re-ranks a title's list around it ("--tune newer,shorter": its newer and shorter neighbours
first, still about the title).
--ratings reads the format from the header; every rated or watched movie is left out of the list,
and rows that match no movie in the model are listed on stderr.
An unknown title lists the closest titles ("did you mean") and exits with code 2.

Examples:
  kinema recommend "The Godfather"
  kinema recommend "Dune (2021)" --year 2000- --min-votes 10000
  kinema recommend --like "Alien" --like "Blade Runner" --dislike "Star Wars" --limit 20
  kinema recommend Amelie --diversity 0.5 --json
  kinema recommend "The Dark Knight" --tune newer,lighter
  kinema recommend --ratings ratings.csv --ratings watched.csv --limit 20
  kinema recommend --gems --genre Crime,Thriller`,
    )
    .action(async (title: string | undefined, flags: RecommendFlags) => {
      await runRecommend(title, flags);
    });
}

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
  // loaded here, not at the top, so `kinema --help` does not pay for the model code
  const [{ loadModel }, { fileModelReader, fileRangeOpener }, { createRecommender }, { createTitleSearch }] =
    await Promise.all([
      import('../../core/model-load.ts'),
      import('../../runtime/files.ts'),
      import('../../core/recommend/index.ts'),
      import('../../core/search/index.ts'),
    ]);
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
  const imported: (ImportedTaste & { file: string })[] = [];
  for (const file of given.ratings ?? []) imported.push(await importRatings(model, search, file, flags));
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

async function importRatings(
  model: Model,
  search: TitleSearch,
  file: string,
  flags: RecommendFlags,
): Promise<ImportedTaste & { file: string }> {
  if (!existsSync(file)) throw new KinemaError('bad-input', `no ratings file at ${file}`);
  const [{ readExportFile }, { modelCatalogue, tasteFromRows, unmatchedSummary }] = await Promise.all([
    import('../../core/ratings/export-file.ts'),
    import('../../core/ratings/taste-from-export.ts'),
  ]);
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
function resolveTitle(model: Model, search: TitleSearch, text: string): number {
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
