/** The HTML pages and their images: home, search, movie, atlas, lists, taste, insights, posters. */
import { Hono, type Context } from 'hono';
import { KinemaError } from '../core/errors.ts';
import { GEM_MIN_VOTES, TOP_LIST, TOP_RATED_M } from '../core/recommend/cold-start.ts';
import { clusterId } from './api/clusters.ts';
import { LISTS, listOf, parseList } from './api/lists.ts';
import { paginate } from './api/page.ts';
import { searchPeople } from './api/search.ts';
import type { Logger } from '../core/log.ts';
import type { AppEnv } from './env.ts';
import { fetchNeighbourRows } from './loaded-model.ts';
import { modelCharts } from './insights.ts';
import {
  genreList,
  intParam,
  knownIndices,
  movieIndex,
  pageParams,
  queryOf,
  textParam,
  tuneParams,
} from './params.ts';
import { posterSvg } from './poster.ts';
import { sendHtml, sendText } from './respond.ts';
import { movieDetail, movieSummary } from './views.ts';
import { AtlasPage, ClusterPage, ListPage } from './pages/clusters.tsx';
import { HomePage } from './pages/home.tsx';
import { InsightsPage } from './pages/insights.tsx';
import { ModelStatusPage } from './pages/model-status.tsx';
import { modelStatus } from './model-status.ts';
import { MoviePage, SimilarPage } from './pages/movie.tsx';
import { PersonPage } from './pages/person.tsx';
import { personDetail, personIndex, personSimilarRows } from './person-view.ts';
import { SearchPage } from './pages/search.tsx';
import { TastePage, tasteLiked } from './pages/taste.tsx';

const LIST_TITLES: Record<(typeof LISTS)[number], string> = {
  popular: 'Popular',
  top: 'Top rated',
  gems: 'Hidden gems',
};

/** How each list is ordered, in words (the weighted ratings are explained here, not shown as numbers). */
function listAbout(list: (typeof LISTS)[number], topM: number): string {
  const m = topM.toLocaleString('en-US');
  switch (list) {
    case 'popular':
      return 'The films with the most IMDb votes.';
    case 'top':
      return `Ranked as IMDb ranks its Top 250: each rating counts as if ${m} more votes at the catalog's average were added, so a film needs many votes before its own rating carries it.`;
    case 'gems':
      return `Well-rated films with at least ${GEM_MIN_VOTES.toLocaleString('en-US')} votes but fewer than ${m}, and none of the Top rated ${TOP_LIST}: good films fewer people have found.`;
  }
}

export function site(log: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const q = (c: Context<AppEnv>) => queryOf(c);

  app.get('/', (c) => sendHtml(c, <HomePage served={c.get('served')} />, c.get('maxAge')));

  app.get('/search', (c) => {
    const served = c.get('served');
    const query = textParam(q(c), 'q', false);
    const { limit, offset } = pageParams(q(c), 24);
    const hits = query ? served.search.search(query, offset + limit + 1).slice(offset) : [];
    const page = paginate(hits, offset, limit);
    const movies = page.items.map((h) => movieSummary(served, h.index));
    const people = query && offset === 0 ? searchPeople(served, query) : [];
    return sendHtml(
      c,
      <SearchPage
        query={query}
        people={people}
        movies={movies}
        closeSpellings={page.items.length > 0 && page.items.every((h) => h.score < 10)}
        offset={offset}
        next={page.next}
        limit={limit}
      />,
      c.get('maxAge'),
    );
  });

  app.get('/movie/:id', async (c) => {
    const served = c.get('served');
    const index = movieIndex(served, c.req.param('id'));
    await fetchNeighbourRows(served, [index]);
    return sendHtml(
      c,
      <MoviePage served={served} index={index} movie={movieDetail(served, index)} tune={tuneParams(q(c))} />,
      c.get('maxAge'),
    );
  });

  app.get('/person/:id', async (c) => {
    const served = c.get('served');
    const p = personIndex(served, c.req.param('id'));
    const similar = (await personSimilarRows(served, p, 12)).map((i) => movieSummary(served, i));
    return sendHtml(c, <PersonPage person={personDetail(served, p)} similar={similar} />, c.get('maxAge'));
  });

  app.get('/movie/:id/similar', async (c) => {
    const served = c.get('served');
    const index = movieIndex(served, c.req.param('id'));
    await fetchNeighbourRows(served, [index]);
    return sendHtml(c, <SimilarPage served={served} index={index} />, c.get('maxAge'));
  });

  app.get('/clusters', (c) => {
    const genre = genreList(c.req.query('genre'), 'genre')?.[0];
    const decade = intParam(q(c), 'decade', 1870, 2100);
    return sendHtml(c, <AtlasPage served={c.get('served')} filters={{ genre, decade }} />, c.get('maxAge'));
  });

  app.get('/clusters/:id', (c) => {
    const served = c.get('served');
    const id = clusterId(served, c.req.param('id'));
    const sort = parseList(c.req.query('sort') ?? 'popular');
    const { limit, offset } = pageParams(q(c), 24);
    const page = paginate(listOf(served, sort, { limit: limit + 1, offset, cluster: id }), offset, limit);
    const movies = page.items.map((i) => movieSummary(served, i));
    return sendHtml(
      c,
      <ClusterPage
        profile={served.clusters[id]!}
        sort={sort}
        movies={movies}
        offset={offset}
        next={page.next}
        limit={limit}
      />,
      c.get('maxAge'),
    );
  });

  app.get('/lists/:list', (c) => {
    const served = c.get('served');
    const list = parseList(c.req.param('list'));
    const { limit, offset } = pageParams(q(c), 24);
    const page = paginate(listOf(served, list, { limit: limit + 1, offset }), offset, limit);
    const movies = page.items.map((i) => movieSummary(served, i));
    return sendHtml(
      c,
      <ListPage
        title={LIST_TITLES[list]}
        about={listAbout(list, served.model.manifest.catalog.topM ?? TOP_RATED_M)}
        path={`/lists/${list}`}
        movies={movies}
        offset={offset}
        next={page.next}
        limit={limit}
      />,
      c.get('maxAge'),
    );
  });

  app.get('/taste', async (c) => {
    const served = c.get('served');
    const liked = c.req.queries('liked') ?? [];
    const clusters = c.req.queries('cluster') ?? [];
    if (liked.length > 200 || clusters.length > 200)
      throw new KinemaError('bad-input', 'too many picks (at most 200)');
    const choice = {
      liked: knownIndices(served, liked).rows,
      clusters: [...new Set(clusters.map((id) => clusterId(served, id)))],
    };
    await fetchNeighbourRows(served, served.recommender.tasteProfile(tasteLiked(served, choice)));
    return sendHtml(c, <TastePage served={served} choice={choice} />, c.get('maxAge'));
  });

  app.get('/status', (c) =>
    sendHtml(c, <ModelStatusPage status={modelStatus(c.get('served'))} />, c.get('maxAge')),
  );

  app.get('/insights', async (c) => {
    const charts = await modelCharts(c.get('served'), log);
    return sendHtml(c, <InsightsPage charts={charts} />, c.get('maxAge'));
  });

  app.get('/charts/:file{[a-z0-9-]{1,60}\\.svg}', async (c) => {
    const id = c.req.param('file').slice(0, -4);
    const chart = (await modelCharts(c.get('served'), log)).find((x) => x.id === id);
    if (!chart) throw new KinemaError('not-found', `no chart named ${id}`);
    return sendText(c, chart.svg, 'svg', c.get('maxAge'));
  });

  app.get('/poster/:file{tt\\d{7,10}\\.svg}', (c) => {
    const served = c.get('served');
    const m = movieSummary(served, movieIndex(served, c.req.param('file').slice(0, -4)));
    // a poster only depends on title, year and genres: safe to cache for a day
    return sendText(c, posterSvg(m), 'svg', 86_400, false);
  });

  return app;
}
