/** Home: Netflix-style rows. The rows made from the taste in localStorage are added by the client. */
import type { LoadedModel } from '../loaded-model.ts';
import { memo } from '../loaded-model.ts';
import { movieSummary, type MovieSummary } from '../views.ts';
import { Row } from './card.tsx';
import { Layout } from './layout.tsx';

const PER_ROW = 12;
/** Cluster rows on the home page; the atlas lists every cluster. Keeps the page under 150 KB. */
const MAX_CLUSTER_ROWS = 16;

interface HomeRows {
  top: MovieSummary[];
  popular: MovieSummary[];
  gems: MovieSummary[];
  clusters: { id: number; name: string; movies: MovieSummary[] }[];
}

export function homeRows(served: LoadedModel): HomeRows {
  return memo(served, 'home', () => {
    const r = served.recommender;
    const view = (list: number[]) => list.map((i) => movieSummary(served, i));
    const clusters = [...served.clusters]
      .sort((a, b) => b.size - a.size || a.id - b.id)
      .slice(0, MAX_CLUSTER_ROWS)
      .map((c) => ({ id: c.id, name: c.name, movies: view(r.popular({ limit: PER_ROW, cluster: c.id })) }));
    return {
      top: view(r.topRated({ limit: PER_ROW })),
      popular: view(r.popular({ limit: PER_ROW })),
      gems: view(r.hiddenGems({ limit: PER_ROW })),
      clusters,
    };
  });
}

export function HomePage({ served }: { served: LoadedModel }) {
  const rows = homeRows(served);
  return (
    <Layout title="kinema">
      <h1 class="sr-only">kinema: movies for you</h1>
      {/* filled by the client from the taste in localStorage: top picks, then "Because you liked …" rows */}
      <div id="for-you" aria-live="polite"></div>
      <p class="hint" id="taste-hint">
        Like a few movies (or <a href="/taste">pick some</a>) and a row made for you appears here.
      </p>
      <Row id="row-top" title="Top rated" movies={rows.top} more="/lists/top" />
      <Row id="row-popular" title="Popular" movies={rows.popular} more="/lists/popular" />
      <Row id="row-gems" title="Hidden gems" movies={rows.gems} more="/lists/gems" />
      {rows.clusters.map((c) => (
        <Row id={`row-c${c.id}`} title={c.name} movies={c.movies} more={`/clusters/${c.id}`} />
      ))}
    </Layout>
  );
}
