/**
 * Static export of the site: the app itself renders every page and API answer through app.request(),
 * so a static copy never drifts from what the server sends. The result can be hosted on S3 + CloudFront
 * (or any static host) with no function at all; what needs one (search, taste, filters, paging) is
 * absent there, and api/index.json lets a browser search the exported titles itself.
 */
import type { Hono } from 'hono';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { LISTS, listOf } from '../server/api/lists.ts';
import type { AppEnv } from '../server/env.ts';
import type { LoadedModel } from '../server/loaded-model.ts';
import { movieSummary } from '../server/views.ts';
import { staticPage } from './static-links.ts';

export interface ExportPlanOptions {
  pages: boolean;
  api: boolean;
  /** Export the N most popular movies (their page, poster, detail and similar JSON). */
  movies: number;
  /** The asset files to write, by their hashed names (AssetTable.files), as the pages link them. */
  assets: readonly string[];
}

/** Pages of each list and cluster order written for a static host (24 movies a page). */
export const STATIC_PAGES = 5;
const PAGE_SIZE = 24;

export interface ExportEntry {
  /** Request path given to the app. */
  url: string;
  /** Output file, relative to the export folder. */
  file: string;
  html: boolean;
  /** The answer expected from the app (404.html is rendered from a 404). */
  status?: number;
  /** Where a static host serves it, when `url` has a query (a page of a list): links are rewritten to it. */
  path?: string;
}

/** Every URL to render, with its file: /movie/tt1 → movie/tt1/index.html, /api/movies/tt1 → .json. */
export function exportEntries(served: LoadedModel, o: ExportPlanOptions): ExportEntry[] {
  const out: ExportEntry[] = o.assets.map((file) => ({
    url: `/assets/${file}`,
    file: `assets/${file}`,
    html: false,
  }));
  const ids = popularIds(served, o.movies);
  const clusters = served.clusters.map((c) => c.id);
  const page = (url: string) =>
    out.push({ url, file: url === '/' ? 'index.html' : `${url.slice(1)}/index.html`, html: true });
  const json = (url: string) => out.push({ url, file: `${url.slice(1)}.json`, html: false });
  if (o.pages) {
    page('/');
    // the browser script serves these from the exported files: search and taste from api/index.json
    // and the movies' similar lists, insights as they are
    page('/search');
    page('/taste');
    page('/insights');
    // static hosts serve this for unknown paths (CloudFront: a custom error response)
    out.push({ url: '/this-page-does-not-exist', file: '404.html', html: true, status: 404 });
    page('/clusters');
    for (const id of clusters) page(`/clusters/${id}`);
    for (const list of LISTS) page(`/lists/${list}`);
    // the first STATIC_PAGES pages of every list and cluster order, each a folder of its own
    const paged = (base: string, folder: string, count: number, first?: string) => {
      for (let offset = 0; offset < Math.min(count, STATIC_PAGES * PAGE_SIZE); offset += PAGE_SIZE) {
        const urls = [`${base}offset=${offset}`];
        if (offset === 0 && first) urls.unshift(first);
        for (const url of urls)
          out.push({
            url,
            file: `${folder}/${offset}/index.html`,
            html: true,
            path: `/${folder}/${offset}/`,
          });
      }
    };
    const length = (list: (typeof LISTS)[number], cluster?: number) =>
      listOf(served, list, { limit: STATIC_PAGES * PAGE_SIZE, cluster }).length;
    for (const list of LISTS) paged(`/lists/${list}?`, `lists/${list}`, length(list));
    for (const id of clusters) {
      for (const list of LISTS) {
        paged(
          `/clusters/${id}?sort=${list}&`,
          `clusters/${id}/${list}`,
          length(list, id),
          `/clusters/${id}?sort=${list}`,
        );
      }
    }
    for (const id of ids) {
      page(`/movie/${id}`);
      page(`/movie/${id}/similar`);
      out.push({ url: `/poster/${id}.svg`, file: `poster/${id}.svg`, html: false });
    }
    // every name on an exported movie page links to its person page
    for (const nm of peopleOf(served, ids)) page(`/person/${nm}`);
  }
  if (o.api) {
    out.push({ url: '/api/openapi.json', file: 'api/openapi.json', html: false });
    json('/api/clusters');
    for (const id of clusters) {
      json(`/api/clusters/${id}`);
      json(`/api/clusters/${id}/movies`);
    }
    for (const list of LISTS) json(`/api/lists/${list}`);
    for (const id of ids) {
      json(`/api/movies/${id}`);
      json(`/api/movies/${id}/similar`);
    }
    for (const nm of peopleOf(served, ids)) json(`/api/people/${nm}`);
  }
  return out;
}

/** The named people credited on (or known for) these movies, each once, in id order. */
function peopleOf(served: LoadedModel, ids: readonly string[]): string[] {
  const people = served.model.people;
  if (!people) return [];
  const found = new Set<number>();
  for (const id of ids) {
    const row = served.model.byId.get(id);
    if (row === undefined) continue;
    for (const csr of [people.directors, people.writers, people.cast, people.known]) {
      if (!csr) continue;
      for (let k = csr.offsets[row]!; k < csr.offsets[row + 1]!; k++) {
        if (people.name.get(csr.items[k]!)) found.add(csr.items[k]!);
      }
    }
  }
  return [...found].sort((a, b) => a - b).map((p) => people.id.get(p));
}

/** The n most popular movies' ids (the recommender pages its lists). */
export function popularIds(served: LoadedModel, n: number): string[] {
  const out: string[] = [];
  const page = 500;
  while (out.length < n) {
    const want = Math.min(page, n - out.length);
    const batch = served.recommender.popular({ limit: want, offset: out.length });
    for (const i of batch) out.push(served.model.catalog.id.get(i));
    if (batch.length < want) break; // fewer movies than asked for
  }
  return out;
}

/**
 * The exported movies, most popular first, with what a card shows ([id, title, year, genres, rating,
 * votes]): the static site's search, autocomplete and taste run over it in the browser.
 */
export function titleIndex(served: LoadedModel, entries: ExportEntry[]): Uint8Array {
  const { byId } = served.model;
  const movies = entries
    .map((e) => /^\/(?:movie|api\/movies)\/(tt\d+)$/.exec(e.url)?.[1])
    .filter((id, i, all): id is string => id !== undefined && all.indexOf(id) === i)
    .map((id) => {
      const m = movieSummary(served, byId.get(id)!);
      return [m.id, m.title, m.year, m.genres.join(','), m.rating, m.votes];
    });
  return new TextEncoder().encode(JSON.stringify({ model: served.version, movies }));
}

export interface ExportReport {
  files: number;
  bytes: number;
}

/**
 * Renders each entry with the app and hands the bytes to `write`; an unexpected status is an error.
 * Pages are made fit for a static host (static-links.ts), and the images they show that no entry
 * wrote (posters of movies in lists, charts) are rendered after them.
 */
export async function exportSite(
  app: Pick<Hono<AppEnv>, 'request'>,
  entries: ExportEntry[],
  write: (file: string, bytes: Uint8Array) => Promise<void>,
  log?: Logger,
): Promise<ExportReport> {
  const exported = new Map(entries.map((e) => [e.url, e.path ?? e.url]));
  const images = new Set<string>();
  let bytes = 0;
  let files = 0;
  const render = async (entry: ExportEntry) => {
    const res = await app.request(entry.url, {
      headers: { accept: entry.html ? 'text/html' : 'application/json' },
    });
    if (res.status !== (entry.status ?? 200)) {
      throw new KinemaError(
        'io',
        `export of ${entry.url} failed: the app answered ${res.status}`,
        (await res.text()).slice(0, 200),
      );
    }
    let body = new Uint8Array(await res.arrayBuffer());
    if (entry.html) {
      const page = staticPage(new TextDecoder().decode(body), exported);
      for (const url of page.images) if (!exported.has(url)) images.add(url);
      body = new TextEncoder().encode(page.html);
    }
    await write(entry.file, body);
    bytes += body.length;
    files++;
  };
  const written = new Set<string>();
  for (const [n, entry] of entries.entries()) {
    // a first page answers two URLs (?sort=top and ?sort=top&offset=0): one file
    if (written.has(entry.file)) continue;
    written.add(entry.file);
    await render(entry);
    log?.progress?.('export', n + 1, entries.length);
  }
  for (const url of [...images].sort()) await render({ url, file: url.slice(1), html: false });
  return { files, bytes };
}
