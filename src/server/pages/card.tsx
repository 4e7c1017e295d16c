/** A movie card and a horizontal row of cards, the building blocks of every list on the site. */
import type { Child } from 'hono/jsx';
import { POSTER_SIZE } from '../tmdb/details.ts';
import { PosterImage } from '../tmdb/blocks.tsx';
import { formatVotes, type MovieSummary } from '../views.ts';

/** A "why" note: the sentence, and the people it names (each name becomes a link to their page). */
export interface Note {
  sentence: string;
  people?: readonly { id: string; name: string }[];
}

/** A movie's poster as lists show it: TMDB's when cached, the generated one otherwise; 2:3, lazy. */
export function CardPoster({ movie, width }: { movie: MovieSummary; width: number }) {
  return (
    <PosterImage
      id={movie.id}
      fallback={movie.poster}
      size={POSTER_SIZE}
      alt=""
      width={width}
      height={width * 1.5}
      lazy
    />
  );
}

export function Card({ movie, note }: { movie: MovieSummary; note?: Note }) {
  return (
    <li class="card">
      <a href={`/movie/${movie.id}`}>
        <CardPoster movie={movie} width={150} />
        <span class="t">{movie.title}</span>
        <span class="m">
          {movie.year || '—'} · {movie.genres.slice(0, 3).join(', ')}
        </span>
        <span class="r">
          <span aria-label={`rated ${movie.rating} out of 10`}>★ {movie.rating.toFixed(1)}</span> ·{' '}
          {formatVotes(movie.votes)} votes
        </span>
      </a>
      {note ? <p class="why">{linkNames(note)}</p> : null}
    </li>
  );
}

export interface RowProps {
  id: string;
  title: Child;
  movies: MovieSummary[];
  notes?: Note[];
  more?: string;
  /** h3 when the row sits inside a section that has its own h2. */
  nested?: boolean;
  /** The row's landmark name when the visible title repeats on the page ("Most popular" per cluster). */
  label?: string;
}

export function Row({ id, title, movies, notes, more, nested, label }: RowProps) {
  if (movies.length === 0) return null;
  const Heading = nested ? 'h3' : 'h2';
  return (
    <section class="row" {...(label ? { 'aria-label': label } : { 'aria-labelledby': id })}>
      <Heading id={id}>
        {title}
        {more ? (
          <a class="more" href={more}>
            See all
          </a>
        ) : null}
      </Heading>
      <ul class="cards">
        {movies.map((m, i) => (
          <Card movie={m} note={notes?.[i]} />
        ))}
      </ul>
    </section>
  );
}

export function Grid({ movies, label, notes }: { movies: MovieSummary[]; label: string; notes?: Note[] }) {
  return (
    <ul class="grid" aria-label={label}>
      {movies.map((m, i) => (
        <Card movie={m} note={notes?.[i]} />
      ))}
    </ul>
  );
}

/** The sentence with every named person as a link, longest names first so "Bob Kane" never splits. */
export function linkNames({ sentence, people = [] }: Note): Child[] {
  const named = [...new Map(people.filter((p) => p.name).map((p) => [p.name, p.id]))].sort(
    (a, b) => b[0].length - a[0].length,
  );
  if (named.length === 0) return [sentence];
  const out: Child[] = [];
  let rest = sentence;
  for (;;) {
    let at = -1;
    let hit: [string, string] | undefined;
    for (const entry of named) {
      const i = rest.indexOf(entry[0]);
      if (i >= 0 && (at < 0 || i < at)) [at, hit] = [i, entry];
    }
    if (!hit) break;
    if (at > 0) out.push(rest.slice(0, at));
    out.push(<a href={`/person/${hit[1]}`}>{hit[0]}</a>);
    rest = rest.slice(at + hit[0].length);
  }
  if (rest) out.push(rest);
  return out;
}
