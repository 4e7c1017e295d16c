import { InvalidArgumentError, type Command } from 'commander';
import { GENRES, type Genre } from '../../core/genres.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { positiveInt } from '../options.ts';
import { KinemaError } from '../../core/errors.ts';
import { MOVES, parseMoves, type Move } from '../../core/recommend/tune.ts';

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

export interface Range {
  min?: number;
  max?: number;
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
      const { runRecommend } = await import('./recommend-run.ts');
      await runRecommend(title, flags);
    });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function moves(value: string, previous: Move[] = []): Move[] {
  try {
    return [...new Set([...previous, ...parseMoves(value)])];
  } catch (error) {
    if (error instanceof KinemaError) throw new InvalidArgumentError(`${error.message}; ${error.hint}`);
    throw error;
  }
}

function genres(value: string, previous: Genre[] = []): Genre[] {
  const out = [...previous];
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (!name) continue;
    const genre = GENRES.find((g) => g.toLowerCase() === name);
    if (!genre) throw new InvalidArgumentError(`unknown genre "${part.trim()}"; one of ${GENRES.join(', ')}`);
    out.push(genre);
  }
  return out;
}

function number(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** "1990-1999", "1990-", "-1999" or "1995" (one value = both ends). */
export function range(flag: string) {
  return (value: string): Range => {
    const m = /^\s*(\d+)?\s*(-)?\s*(\d+)?\s*$/.exec(value);
    if (!m || (!m[1] && !m[3]) || (!m[2] && m[3])) {
      throw new InvalidArgumentError(`${flag} must look like 1990-1999, 1990- or -1999, got "${value}"`);
    }
    const min = m[1] === undefined ? undefined : Number(m[1]);
    const max = m[2] ? (m[3] === undefined ? undefined : Number(m[3])) : min;
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidArgumentError(`${flag} ${value} is empty: ${min} is after ${max}`);
    }
    return { min, max };
  };
}
