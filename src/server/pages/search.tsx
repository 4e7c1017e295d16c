/** Search results page: the no-JavaScript path of the search box, paginated. */
import type { MovieSummary } from '../views.ts';
import { Grid } from './card.tsx';
import { Layout } from './layout.tsx';

export interface SearchPageProps {
  query: string;
  movies: MovieSummary[];
  offset: number;
  next: number | null;
  limit: number;
}

export function SearchPage({ query, movies, offset, next, limit }: SearchPageProps) {
  const link = (o: number) => `/search?q=${encodeURIComponent(query)}&offset=${o}`;
  return (
    <Layout title={query ? `“${query}”` : 'Search'} query={query}>
      <h1>{query ? `Results for “${query}”` : 'Search'}</h1>
      {query === '' ? (
        <p>Type a title in the search box: typos are fine, and years tell remakes apart.</p>
      ) : null}
      {query !== '' && movies.length === 0 ? (
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
