/** Movie page: facts, people, "More like this" with explanations, "More from this cluster", taste buttons. */
import type { LoadedModel } from '../loaded-model.ts';
import { formatVotes, movieSummary, recommendationView, type MovieDetail, type Person } from '../views.ts';
import { Backdrop, MovieExtras, PosterImage } from '../tmdb/blocks.tsx';
import { Row } from './card.tsx';
import { Layout } from './layout.tsx';

export function MoviePage({
  served,
  index,
  movie,
}: {
  served: LoadedModel;
  index: number;
  movie: MovieDetail;
}) {
  const similar = served.recommender.similar(index, { limit: 12 }).map((r) => recommendationView(served, r));
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
          <dl class="stats">
            <div>
              <dt>IMDb rating</dt>
              <dd>{movie.rating.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Weighted</dt>
              <dd title="Bayesian average: pulls ratings with few votes toward the mean">
                {movie.bayes.toFixed(2)}
              </dd>
            </div>
            <div>
              <dt>Votes</dt>
              <dd>{formatVotes(movie.votes)}</dd>
            </div>
            <div>
              <dt>Cluster</dt>
              <dd>
                <a href={`/clusters/${movie.cluster}`}>{movie.clusterName}</a>
              </dd>
            </div>
          </dl>
          <MovieExtras id={movie.id} />
          <People label="Directed by" people={movie.directors} />
          <People label="Written by" people={movie.writers} />
          <People label="Starring" people={movie.cast} />
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
      <Row
        id="row-similar"
        title="More like this"
        movies={similar.map((s) => s.movie)}
        notes={similar.map((s) => s.explanation.sentence)}
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
      <span class="label">{label}</span> {people.map((p) => p.name).join(', ')}
    </p>
  );
}
