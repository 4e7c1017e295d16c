/** Search results page: the no-JavaScript path of the search box, paginated. */
import type { MovieSummary } from '../views.ts';
import type { PersonSummary } from '../person-view.ts';
import { Grid } from './card.tsx';
import { Layout } from './layout.tsx';

export interface SearchPageProps {
  query: string;
  /** People whose name has every word typed, shown above the titles. */
  people: PersonSummary[];
  movies: MovieSummary[];
  /** Every hit is a typo match (score below 10): no title has the words as typed. */
  closeSpellings?: boolean;
  offset: number;
  next: number | null;
  limit: number;
}

export function SearchPage({ query, people, movies, closeSpellings, offset, next, limit }: SearchPageProps) {
  const link = (o: number) => `/search?q=${encodeURIComponent(query)}&offset=${o}`;
  return (
    <Layout title={query ? `“${query}”` : 'Search'} query={query}>
      <h1>{query ? `Results for “${query}”` : 'Search'}</h1>
      {query === '' ? (
        <p>Type a title in the search box: typos are fine, and years tell remakes apart.</p>
      ) : null}
      {people.length > 0 ? (
        <section aria-labelledby="people-hits">
          <h2 id="people-hits">People</h2>
          <ul class="person-hits">
            {people.map((p) => (
              <li>
                <a href={`/person/${p.id}`}>{p.name}</a>
                {p.professions.length ? (
                  <span class="meta"> · {p.professions.slice(0, 2).join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {people.length > 0 && movies.length > 0 ? <h2>Movies</h2> : null}
      {closeSpellings ? <p>No title has “{query}” as typed; these are close spellings.</p> : null}
      {query !== '' && movies.length === 0 && people.length === 0 ? (
        <p>No movie matches “{query}”. Try fewer words or check the spelling.</p>
      ) : null}
      <Grid movies={movies} label="Search results" />
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={link(Math.max(0, offset - limit))}>← Previous</a> : null}
        {next !== null ? <a href={link(next)}>Next →</a> : null}
      </nav>
    </Layout>
  );
}
