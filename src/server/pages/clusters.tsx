/** The cluster atlas (every cluster's profile and top movies, filterable) and one cluster's members. */
import { GENRES } from '../../core/genres.ts';
import type { ClusterProfile } from '../cluster-profile.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { movieSummary, type MovieSummary } from '../views.ts';
import { Grid, Row } from './card.tsx';
import { Layout } from './layout.tsx';

export interface AtlasFilters {
  genre?: string;
  decade?: number;
}

export function AtlasPage({ served, filters }: { served: LoadedModel; filters: AtlasFilters }) {
  const shown = served.clusters.filter(
    (c) =>
      (!filters.genre || c.genres.some((g) => g.genre === filters.genre && g.share >= 0.3)) &&
      (!filters.decade || Math.floor(c.yearMedian / 10) * 10 === filters.decade),
  );
  const decades = [...new Set(served.clusters.map((c) => Math.floor(c.yearMedian / 10) * 10))]
    .filter((d) => d > 0)
    .sort();
  return (
    <Layout title="Cluster atlas">
      <h1>Cluster atlas</h1>
      <p class="lede">
        {served.clusters.length} groups of similar movies found by k-means over genres, era, runtime, rating
        and popularity.
      </p>
      <form class="filters" method="get" action="/clusters">
        <label>
          Genre{' '}
          <select name="genre">
            <option value="">Any</option>
            {GENRES.map((g) => (
              <option value={g} selected={filters.genre === g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Era{' '}
          <select name="decade">
            <option value="">Any</option>
            {decades.map((d) => (
              <option value={String(d)} selected={filters.decade === d}>
                {d}s
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {shown.length === 0 ? <p>No cluster matches these filters.</p> : null}
      {shown.map((c) => (
        <ClusterPanel
          profile={c}
          movies={served.recommender.popular({ limit: 8, cluster: c.id }).map((i) => movieSummary(served, i))}
        />
      ))}
    </Layout>
  );
}

function ClusterPanel({ profile, movies }: { profile: ClusterProfile; movies: MovieSummary[] }) {
  return (
    <section class="cluster" aria-labelledby={`c${profile.id}`}>
      <div class="profile">
        <h2 id={`c${profile.id}`}>
          <a href={`/clusters/${profile.id}`}>{profile.name}</a>
        </h2>
        <p>
          {profile.size.toLocaleString('en-US')} movies · median year {profile.yearMedian} (
          {profile.yearRange[0]}–{profile.yearRange[1]}) · mean rating {profile.ratingMean.toFixed(1)}
        </p>
        <ul class="mix" aria-label="Genre mix">
          {profile.genres.map((g) => (
            <li>
              <span>{g.genre}</span> <meter min={0} max={1} value={g.share}></meter>{' '}
              {Math.round(g.share * 100)}%
            </li>
          ))}
        </ul>
      </div>
      <Row
        id={`c${profile.id}-top`}
        title="Most popular"
        label={`Most popular in ${profile.name}`}
        movies={movies}
        nested
      />
    </section>
  );
}

export function ClusterPage(props: {
  profile: ClusterProfile;
  sort: string;
  movies: MovieSummary[];
  offset: number;
  next: number | null;
  limit: number;
}) {
  const { profile, sort, movies, offset, next, limit } = props;
  const link = (o: number) => `/clusters/${profile.id}?sort=${sort}&offset=${o}`;
  return (
    <Layout title={profile.name}>
      <h1>{profile.name}</h1>
      <p class="lede">
        {profile.size.toLocaleString('en-US')} movies ·{' '}
        {profile.genres.map((g) => `${g.genre} ${Math.round(g.share * 100)}%`).join(', ')}
      </p>
      <nav class="tabs" aria-label="Order">
        {[
          ['popular', 'Popular'],
          ['top', 'Top rated'],
          ['gems', 'Hidden gems'],
        ].map(([key, label]) => (
          <a href={`/clusters/${profile.id}?sort=${key}`} aria-current={key === sort ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <Grid movies={movies} label={`${profile.name} movies`} />
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={link(Math.max(0, offset - limit))}>← Previous</a> : null}
        {next !== null ? <a href={link(next)}>Next →</a> : null}
      </nav>
    </Layout>
  );
}

export function ListPage(props: {
  title: string;
  /** One sentence saying how the list is ordered. */
  about?: string;
  path: string;
  movies: MovieSummary[];
  offset: number;
  next: number | null;
  limit: number;
}) {
  const { title, about, path, movies, offset, next, limit } = props;
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      {about ? <p class="about">{about}</p> : null}
      <Grid movies={movies} label={title} />
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={`${path}?offset=${Math.max(0, offset - limit)}`}>← Previous</a> : null}
        {next !== null ? <a href={`${path}?offset=${next}`}>Next →</a> : null}
      </nav>
    </Layout>
  );
}
