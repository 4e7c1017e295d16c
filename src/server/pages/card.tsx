/** A movie card and a horizontal row of cards, the building blocks of every list on the site. */
import type { Child } from 'hono/jsx';
import { POSTER_SIZE } from '../tmdb/details.ts';
import { PosterImage } from '../tmdb/blocks.tsx';
import { formatVotes, type MovieSummary } from '../views.ts';

export function Card({ movie, note }: { movie: MovieSummary; note?: string }) {
  return (
    <li class="card">
      <a href={`/movie/${movie.id}`}>
        <PosterImage
          id={movie.id}
          fallback={movie.poster}
          size={POSTER_SIZE}
          alt=""
          width={150}
          height={225}
          lazy
        />
        <span class="t">{movie.title}</span>
        <span class="m">
          {movie.year || '—'} · {movie.genres.slice(0, 3).join(', ')}
        </span>
        <span class="r">
          <span aria-label={`rated ${movie.rating} out of 10`}>★ {movie.rating.toFixed(1)}</span> ·{' '}
          {formatVotes(movie.votes)} votes
        </span>
      </a>
      {note ? <p class="why">{note}</p> : null}
    </li>
  );
}

export interface RowProps {
  id: string;
  title: Child;
  movies: MovieSummary[];
  notes?: string[];
  more?: string;
  /** h3 when the row sits inside a section that has its own h2. */
  nested?: boolean;
}

export function Row({ id, title, movies, notes, more, nested }: RowProps) {
  if (movies.length === 0) return null;
  const Heading = nested ? 'h3' : 'h2';
  return (
    <section class="row" aria-labelledby={id}>
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

export function Grid({ movies, label }: { movies: MovieSummary[]; label: string }) {
  return (
    <ul class="grid" aria-label={label}>
      {movies.map((m) => (
        <Card movie={m} />
      ))}
    </ul>
  );
}
