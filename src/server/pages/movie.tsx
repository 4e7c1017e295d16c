/** Movie page: facts, people, "More like this" with explanations, "More from this cluster", taste buttons. */
import type { LoadedModel } from '../loaded-model.ts';
import {
  formatVotes,
  movieSummary,
  recommendationView,
  type CastMember,
  type MovieDetail,
  type Person,
} from '../views.ts';
import { Backdrop, MovieExtras, PosterImage } from '../tmdb/blocks.tsx';
import { Grid, Row } from './card.tsx';
import { Layout } from './layout.tsx';
import { TuneBar, tunedTitle } from './tune-bar.tsx';
import type { Tune } from '../../core/recommend/tune.ts';

export function MoviePage({
  served,
  index,
  movie,
  tune,
}: {
  served: LoadedModel;
  index: number;
  movie: MovieDetail;
  /** "Like this, but…" moves and sliders from the URL. */
  tune?: Tune;
}) {
  const similar = served.recommender
    .similar(index, { limit: 12, tune })
    .map((r) => recommendationView(served, r));
  const fromCluster = served.recommender
    .popular({ limit: 13, cluster: movie.cluster })
    .filter((i) => i !== index)
    .slice(0, 12)
    .map((i) => movieSummary(served, i));
  return (
    <Layout
      title={`${movie.title} (${movie.year})`}
      description={`${movie.title} (${movie.year}): ${movie.genres.join(', ')}`}
    >
      <article class="movie" data-id={movie.id}>
        <Backdrop id={movie.id} />
        <PosterImage
          class="poster"
          id={movie.id}
          fallback={movie.poster}
          size="w500"
          alt={`Poster stand-in for ${movie.title}`}
          realAlt={`Poster of ${movie.title}`}
          width={200}
          height={300}
          urgent
        />
        <div class="facts">
          <h1>
            {movie.title} <span class="year">({movie.year || '?'})</span>
          </h1>
          {movie.originalTitle ? <p class="orig">Original title: {movie.originalTitle}</p> : null}
          <p class="meta">
            {movie.runtime ? `${movie.runtime} min · ` : ''}
            {movie.genres.join(', ')}
          </p>
          <p class="rating">
            IMDb rating {movie.rating.toFixed(1)} · {formatVotes(movie.votes)} votes
          </p>
          <p class="cluster-link">
            In the cluster <a href={`/clusters/${movie.cluster}`}>{movie.clusterName}</a>
          </p>
          <MovieExtras id={movie.id} />
          <People label="Directed by" people={movie.directors} />
          <People label="Written by" people={movie.writers} />
          <Cast cast={movie.cast} />
          <People label="Known for this film" people={movie.knownFor} />
          <div class="actions">
            <button type="button" class="like" data-like={movie.id} aria-pressed="false" hidden>
              ♥ Like
            </button>
            <button type="button" class="nope" data-nope={movie.id} aria-pressed="false" hidden>
              Not interested
            </button>
            <a class="button add-taste" href={`/taste?liked=${movie.id}`}>
              Start a taste from this
            </a>
            <a class="button" href={movie.imdbUrl} rel="noopener noreferrer">
              IMDb page
            </a>
          </div>
        </div>
      </article>
      <TuneBar movieId={movie.id} tune={tune} />
      <Row
        id="row-similar"
        title={tunedTitle(tune)}
        more={`/movie/${movie.id}/similar`}
        movies={similar.map((s) => s.movie)}
        notes={similar.map((s) => ({ sentence: s.explanation.sentence, people: s.explanation.sharedPeople }))}
      />
      <Row
        id="row-cluster"
        title={`More from ${movie.clusterName}`}
        movies={fromCluster}
        more={`/clusters/${movie.cluster}`}
      />
    </Layout>
  );
}

function People({ label, people }: { label: string; people: Person[] }) {
  if (people.length === 0) return null;
  return (
    <p class="people">
      <span class="label">{label}</span>{' '}
      {people.map((p, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={`/person/${p.id}`}>{p.name}</a>
        </>
      ))}
    </p>
  );
}

/** Top-billed cast with the characters they play. */
function Cast({ cast }: { cast: CastMember[] }) {
  if (cast.length === 0) return null;
  return (
    <div class="cast">
      <h2 id="cast">Cast</h2>
      <ul aria-labelledby="cast">
        {cast.map((p) => (
          <li>
            <a href={`/person/${p.id}`}>{p.name}</a>
            {p.characters ? <span class="as"> as {p.characters}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "See all" of More like this: the precomputed list (50 by default) as a grid, each with its reason. */
export function SimilarPage({ served, index }: { served: LoadedModel; index: number }) {
  const c = served.model.catalog;
  const title = `${c.title.get(index)} (${c.year[index]!})`;
  const similar = served.recommender
    .similar(index, { limit: SIMILAR_PAGE })
    .map((r) => recommendationView(served, r));
  return (
    <Layout title={`More like ${title}`}>
      <h1>
        More like <a href={`/movie/${c.id.get(index)}`}>{title}</a>
      </h1>
      <Grid
        movies={similar.map((s) => s.movie)}
        notes={similar.map((s) => ({ sentence: s.explanation.sentence, people: s.explanation.sharedPeople }))}
        label={`More like ${title}`}
      />
    </Layout>
  );
}

/** Longest "See all" list: the build precomputes 50 neighbours a movie (shorter when the model has fewer). */
export const SIMILAR_PAGE = 50;
