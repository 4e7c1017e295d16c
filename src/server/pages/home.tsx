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

/** A movie appears in at most this many rows of the home page. */
export const MAX_ROWS_PER_MOVIE = 2;
/** Candidates a row reads to fill PER_ROW slots with movies not used up by earlier rows. */
const CANDIDATES = PER_ROW * 8;

export function homeRows(served: LoadedModel): HomeRows {
  return memo(served, 'home', () => {
    const r = served.recommender;
    const used = new Map<number, number>();
    // rows fill top to bottom; a movie already in two rows gives its place to the next candidate
    const fill = (candidates: number[]) => {
      const out: MovieSummary[] = [];
      for (const i of candidates) {
        if ((used.get(i) ?? 0) >= MAX_ROWS_PER_MOVIE) continue;
        used.set(i, (used.get(i) ?? 0) + 1);
        out.push(movieSummary(served, i));
        if (out.length === PER_ROW) break;
      }
      return out;
    };
    const top = fill(r.topRated({ limit: CANDIDATES }));
    const popular = fill(r.popular({ limit: CANDIDATES }));
    const gems = fill(r.hiddenGems({ limit: CANDIDATES }));
    const clusters = [...served.clusters]
      .sort((a, b) => b.size - a.size || a.id - b.id)
      .slice(0, MAX_CLUSTER_ROWS)
      .map((c) => ({
        id: c.id,
        name: c.name,
        movies: fill(r.popular({ limit: CANDIDATES, cluster: c.id })),
      }));
    return { top, popular, gems, clusters };
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
