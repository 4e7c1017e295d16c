// @ts-check
/* global URLSearchParams, HTMLInputElement, card */
/* exported onStaticHost, movieHref, searchExported, staticPicks, staticSearchPage */
/**
 * The site on a plain static host (`kinema export-site --pages`, pages marked `data-static`): no
 * server answers /api/search or /api/recommend, so search, autocomplete and taste run here over
 * the exported files: api/index.json (the exported movies, most popular first) and, with --api,
 * each movie's "more like this" list. Loaded before app.js, which asks `onStaticHost()`.
 */

/** @typedef {{ id: string, title: string, year: number, genres: string[], rating: number, votes: number, poster: string }} IndexMovie */

function onStaticHost() {
  return document.documentElement.hasAttribute('data-static');
}

/** @type {Promise<IndexMovie[]> | undefined} */
let exportedList;
/** @type {Set<string>} */
const exportedIds = new Set();

/** The exported movies, fetched once. @returns {Promise<IndexMovie[]>} */
function exportedMovies() {
  exportedList ??= window
    .fetch('/api/index.json')
    .then((res) => (res.ok ? res.json() : { movies: [] }))
    .then((body) =>
      (body.movies ?? []).map(
        (
          /** @type {[string, string, number, string, number, number]} */ [
            id,
            title,
            year,
            genres,
            rating,
            votes,
          ],
        ) => {
          exportedIds.add(id);
          return {
            id,
            title,
            year,
            genres: genres ? genres.split(',') : [],
            rating,
            votes,
            poster: `/poster/${id}.svg`,
          };
        },
      ),
    )
    .catch(() => []);
  return exportedList;
}

/** Where a movie links: its page when exported, else IMDb (the static site holds only some). @param {string} id */
function movieHref(id) {
  return onStaticHost() && !exportedIds.has(id) ? `https://www.imdb.com/title/${id}/` : `/movie/${id}`;
}

/** @param {string} s */
function foldText(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** @param {string} s */
function wordsOf(s) {
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Exported titles for a query: the whole title first, then titles starting with it, then titles
 * where every word typed starts a word; a trailing year ("dune 1984") keeps that year ±1. Ties keep
 * the index's popularity order.
 * @param {string} query @param {number} limit @returns {Promise<(IndexMovie & { score: number })[]>}
 */
async function searchExported(query, limit) {
  const movies = await exportedMovies();
  let text = foldText(query).trim();
  let year = 0;
  const dated = /^(.+?)\s*\(?((?:18|19|20)\d\d)\)?$/.exec(text);
  if (dated?.[1] && dated[2]) [text, year] = [dated[1], Number(dated[2])];
  const words = wordsOf(text);
  if (words.length === 0) return [];
  /** @type {(IndexMovie & { score: number })[]} */
  const hits = [];
  for (const m of movies) {
    if (year && Math.abs(m.year - year) > 1) continue;
    const title = foldText(m.title);
    const own = wordsOf(title);
    const score =
      title === text
        ? 100
        : title.startsWith(text)
          ? 50
          : words.every((w) => own.some((x) => x.startsWith(w)))
            ? 20
            : 0;
    if (score > 0) hits.push({ ...m, score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

/**
 * A taste's picks from the exported "more like this" lists of its latest likes: each list gives its
 * movies points by rank, and a movie on several lists adds them up. Liked, disliked and seen movies
 * never show.
 * @param {{ liked: string[], disliked: string[], seen: string[] }} taste @param {number} limit
 * @returns {Promise<{ items: { movie: IndexMovie, explanation: { sentence: string } }[] }>}
 */
async function staticPicks(taste, limit) {
  await exportedMovies();
  const latest = [...taste.liked].reverse().slice(0, 10);
  const shown = new Set([...taste.liked, ...taste.disliked, ...taste.seen]);
  const lists = await Promise.all(
    latest.map((id) =>
      window
        .fetch(`/api/movies/${id}/similar.json`)
        .then((res) => (res.ok ? res.json() : { items: [] }))
        .catch(() => ({ items: [] })),
    ),
  );
  /** @type {Map<string, { points: number, best: number, item: { movie: IndexMovie, explanation: { sentence: string } } }>} */
  const byMovie = new Map();
  for (const list of lists) {
    const items = /** @type {{ movie: IndexMovie, explanation: { sentence: string } }[]} */ (
      list.items ?? []
    );
    items.forEach((item, rank) => {
      if (shown.has(item.movie.id)) return;
      const points = 1 - rank / items.length;
      const seen = byMovie.get(item.movie.id);
      if (!seen) byMovie.set(item.movie.id, { points, best: points, item });
      else {
        seen.points += points;
        if (points > seen.best) [seen.best, seen.item] = [points, item];
      }
    });
  }
  const ranked = [...byMovie.values()].sort((a, b) => b.points - a.points);
  return { items: ranked.slice(0, limit).map((e) => e.item) };
}

/** The exported search page reads its query here: the host serves the same file for any ?q=. */
async function staticSearchPage() {
  if (!onStaticHost() || !/^\/search\/?$/.test(window.location.pathname)) return;
  const query = new URLSearchParams(window.location.search).get('q')?.trim() ?? '';
  const grid = document.querySelector('ul.grid');
  const heading = document.querySelector('main h1');
  if (!query || !grid || !heading) return;
  const box = document.getElementById('q');
  if (box instanceof HTMLInputElement) box.value = query;
  document.title = `“${query}” · kinema`;
  heading.textContent = `Results for “${query}”`;
  heading.nextElementSibling?.remove();
  const hits = await searchExported(query, 48);
  if (hits.length === 0) {
    const none = document.createElement('p');
    none.textContent = `No movie on this site matches “${query}”. Try fewer words or check the spelling.`;
    grid.before(none);
  }
  grid.replaceChildren(...hits.map((m) => card(m)));
}
