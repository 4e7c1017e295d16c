// @ts-check
/* global HTMLImageElement, HTMLElement, HTMLButtonElement, HTMLInputElement, HTMLFormElement, AbortController, URLSearchParams, Node, Element, onStaticHost, movieHref, searchExported, staticPicks, staticSearchPage */
/**
 * The site's only script (progressive enhancement: every page works without it). It keeps the taste
 * in localStorage, fills the home page's "Because you liked" row, drives the like / not-interested
 * buttons, the search autocomplete (ARIA combobox) and the taste page's live updates.
 */

const KEY = 'kinema.taste';
const MAX = 200;
/** Seen movies kept (an imported history): what POST /api/recommend takes. */
const MAX_SEEN = 500;

/** @typedef {{ liked: string[], disliked: string[], seen: string[], titles: Record<string, string> }} Taste */
/** @typedef {{ id: string, title: string, year: number, genres: string[], rating: number, votes: number, poster: string }} Movie */

/** @returns {Taste} */
function loadTaste() {
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    const ids = (/** @type {unknown} */ v, max = MAX) =>
      Array.isArray(v) ? v.filter((x) => typeof x === 'string' && /^tt\d{7,10}$/.test(x)).slice(-max) : [];
    return {
      liked: ids(raw.liked),
      disliked: ids(raw.disliked),
      seen: ids(raw.seen, MAX_SEEN),
      titles: typeof raw.titles === 'object' && raw.titles ? raw.titles : {},
    };
  } catch {
    return { liked: [], disliked: [], seen: [], titles: {} };
  }
}

/**
 * The taste as POST /api/recommend reads it: the first 50 picks shape the list, so the latest go
 * first (the taste keeps them oldest first).
 * @param {Taste} t
 */
function tasteRequest(t) {
  return { liked: [...t.liked].reverse(), disliked: [...t.disliked].reverse(), seen: t.seen };
}

/** @param {Taste} taste */
function saveTaste(taste) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(taste));
  } catch {
    // storage full or disabled: the taste lives for this page only
  }
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 * @param {(Node | string)[]} children
 */
function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

/** @param {number} votes */
function formatVotes(votes) {
  if (votes >= 1e6) return `${(votes / 1e6).toFixed(1)}M`;
  if (votes >= 1e3) return `${Math.round(votes / 1e3)}k`;
  return String(votes);
}

/**
 * The sentence with the people it names as links to their pages.
 * @param {string} sentence @param {{ id: string, name: string }[]} people @returns {(Node | string)[]}
 */
function linkNames(sentence, people) {
  const named = people.filter((p) => p.name).sort((a, b) => b.name.length - a.name.length);
  /** @type {(Node | string)[]} */
  const out = [];
  let rest = sentence;
  for (;;) {
    let at = -1;
    /** @type {{ id: string, name: string } | undefined} */
    let hit;
    for (const p of named) {
      const i = rest.indexOf(p.name);
      if (i >= 0 && (at < 0 || i < at)) [at, hit] = [i, p];
    }
    if (!hit) break;
    if (at > 0) out.push(rest.slice(0, at));
    out.push(el('a', { href: `/person/${hit.id}` }, [hit.name]));
    rest = rest.slice(at + hit.name.length);
  }
  if (rest) out.push(rest);
  return out;
}

/** @param {Movie} m @param {{ sentence: string, sharedPeople?: { id: string, name: string }[] }} [note] */
function card(m, note) {
  const img = el('img', {
    src: m.poster,
    alt: '',
    width: '150',
    height: '225',
    loading: 'lazy',
    decoding: 'async',
  });
  const link = el('a', { href: movieHref(m.id) }, [
    img,
    el('span', { class: 't' }, [m.title]),
    el('span', { class: 'm' }, [`${m.year || '—'} · ${m.genres.slice(0, 3).join(', ')}`]),
    el('span', { class: 'r' }, [`★ ${m.rating.toFixed(1)} · ${formatVotes(m.votes)} votes`]),
  ]);
  const why = note ? [el('p', { class: 'why' }, linkNames(note.sentence, note.sharedPeople ?? []))] : [];
  return el('li', { class: 'card' }, [link, ...why]);
}

/** @typedef {{ items: { movie: Movie, explanation: { sentence: string, sharedPeople?: { id: string, name: string }[] } }[] }} RecommendationList */

/**
 * @param {string} id
 * @param {string} title
 * @param {RecommendationList['items']} items
 */
function row(id, title, items) {
  return el('section', { class: 'row', id, 'aria-labelledby': `${id}-h` }, [
    el('h2', { id: `${id}-h` }, [title]),
    el(
      'ul',
      { class: 'cards' },
      items.map((r) => card(r.movie, r.explanation)),
    ),
  ]);
}

/** @param {string} url @param {unknown} [body] @returns {Promise<RecommendationList | null>} */
async function fetchList(url, body) {
  const init = body
    ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
    : {};
  const res = await window.fetch(url, init);
  return res.ok ? res.json() : null;
}

/**
 * Recommendations for the whole taste: the server's, or on a static host the exported lists'.
 * @param {Taste} taste @param {number} limit @returns {Promise<RecommendationList | null>}
 */
function recommendFor(taste, limit) {
  return onStaticHost()
    ? staticPicks(taste, limit)
    : fetchList('/api/recommend', { ...tasteRequest(taste), limit });
}

/** Home rows from the taste: top picks, then "Because you liked …" for the two latest likes. */
async function fillForYou() {
  const container = document.getElementById('for-you');
  const taste = loadTaste();
  if (!container || taste.liked.length === 0) return;
  const exclude = new Set([...taste.liked, ...taste.disliked]);
  const recent = taste.liked.slice(-2).reverse();
  const [picks, ...similar] = await Promise.all([
    recommendFor(taste, 12),
    ...recent.map((id) =>
      fetchList(onStaticHost() ? `/api/movies/${id}/similar.json` : `/api/movies/${id}/similar?limit=16`),
    ),
  ]);
  const rows = [];
  if (picks?.items.length) rows.push(row('for-you-picks', 'Top picks for you', picks.items));
  similar.forEach((list, i) => {
    const id = recent[i] ?? '';
    const items = (list?.items ?? []).filter((r) => !exclude.has(r.movie.id)).slice(0, 12);
    if (items.length) rows.push(row(`for-you-${i}`, `Because you liked ${taste.titles[id] ?? id}`, items));
  });
  container.replaceChildren(...rows);
  rowButtons(container);
  const hint = document.getElementById('taste-hint');
  if (hint && rows.length) hint.hidden = true;
}

function tasteButtons() {
  const article = document.querySelector('article.movie');
  if (!(article instanceof HTMLElement)) return;
  const id = article.dataset.id ?? '';
  const title = article.querySelector('h1')?.firstChild?.textContent?.trim() ?? id;
  const like = article.querySelector('button.like');
  const nope = article.querySelector('button.nope');
  if (!(like instanceof HTMLButtonElement) || !(nope instanceof HTMLButtonElement)) return;
  const render = () => {
    const t = loadTaste();
    like.setAttribute('aria-pressed', String(t.liked.includes(id)));
    nope.setAttribute('aria-pressed', String(t.disliked.includes(id)));
    like.textContent = t.liked.includes(id) ? '✓ Liked' : '♥ Like';
  };
  /** @param {'liked' | 'disliked'} list */
  const toggle = (list) => {
    const t = loadTaste();
    const other = list === 'liked' ? 'disliked' : 'liked';
    const has = t[list].includes(id);
    t[list] = has ? t[list].filter((x) => x !== id) : [...t[list], id].slice(-MAX);
    t[other] = t[other].filter((x) => x !== id);
    t.titles[id] = title;
    saveTaste(t);
    render();
  };
  like.addEventListener('click', () => toggle('liked'));
  nope.addEventListener('click', () => toggle('disliked'));
  like.hidden = false;
  nope.hidden = false;
  render();
}

/** A search suggestion: a movie, or a person (people have no year). */
/** @typedef {{ kind: 'movie', id: string, title: string, year: number, poster: string } | { kind: 'person', id: string, name: string, professions: string[] }} Suggestion */

/**
 * A search box as an ARIA combobox over /api/search: the header's (movies and people, choosing one
 * opens its page) and the taste page's "add a movie" (movies with posters, choosing one adds it).
 * @param {HTMLInputElement} input @param {HTMLElement} list
 * @param {{ people: boolean, posters: boolean, choose: (s: Suggestion) => void }} options
 */
function combobox(input, list, options) {
  /** @type {Suggestion[]} */
  let items = [];
  let active = -1;
  /** @type {AbortController | undefined} */
  let pending;
  /** @type {number | undefined} */
  let timer;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  /** @param {number} i */
  const highlight = (i) => {
    active = i;
    list
      .querySelectorAll('[role=option]')
      .forEach((node, j) => node.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${input.id}-opt-${i}`);
    else input.removeAttribute('aria-activedescendant');
  };
  /** @param {Suggestion} m */
  const label = (m) =>
    m.kind === 'person'
      ? [
          el('span', { class: 't' }, [m.name]),
          el('span', { class: 'y' }, [` · ${m.professions.slice(0, 2).join(', ') || 'person'}`]),
        ]
      : [
          ...(options.posters ? [el('img', { src: m.poster, alt: '', width: '32', height: '48' })] : []),
          el('span', { class: 't' }, [m.title]),
          el('span', { class: 'y' }, [` (${m.year || '?'})`]),
        ];
  const render = () => {
    list.replaceChildren(
      ...items.map((m, i) => {
        const option = el(
          'li',
          { id: `${input.id}-opt-${i}`, role: 'option', 'aria-selected': 'false' },
          label(m),
        );
        option.addEventListener('mousedown', (e) => {
          e.preventDefault();
          options.choose(m);
        });
        return option;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    highlight(-1);
  };
  const query = async () => {
    const q = input.value.trim();
    pending?.abort();
    if (q.length < 2) {
      items = [];
      render();
      return;
    }
    if (onStaticHost()) {
      items = (await searchExported(q, 8)).map((m) => ({ kind: 'movie', ...m }));
      render();
      return;
    }
    pending = new AbortController();
    try {
      const res = await window.fetch(`/api/search?q=${encodeURIComponent(q)}&limit=8`, {
        signal: pending.signal,
      });
      if (!res.ok) return;
      const body = await res.json();
      // exact and whole-title-prefix matches first, then people, then titles that merely contain the words
      /** @type {(Movie & { score: number })[]} */
      const movies = body.items;
      /** @type {Suggestion[]} */
      const people = options.people
        ? (body.people ?? []).map((/** @type {{ id: string, name: string, professions: string[] }} */ p) => ({
            kind: 'person',
            ...p,
          }))
        : [];
      /** @param {Movie} m @returns {Suggestion} */
      const asMovie = (m) => ({ kind: 'movie', id: m.id, title: m.title, year: m.year, poster: m.poster });
      items = [
        ...movies.filter((m) => m.score >= 20).map(asMovie),
        ...people,
        ...movies.filter((m) => m.score < 20).map(asMovie),
      ].slice(0, 8);
      render();
    } catch {
      // aborted by a newer keystroke, or offline: keep the old suggestions
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(query, 90);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      list.hidden = false;
      highlight((active + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Enter' && items[active]) {
      const chosen = items[active];
      e.preventDefault();
      if (chosen) options.choose(chosen);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 100));
}

function autocomplete() {
  const input = document.getElementById('q');
  const list = document.getElementById('q-list');
  if (!(input instanceof HTMLInputElement) || !list) return;
  combobox(input, list, {
    people: true,
    posters: false,
    choose: (s) => window.location.assign(s.kind === 'person' ? `/person/${s.id}` : `/movie/${s.id}`),
  });
}

/**
 * Previous/next buttons on every row of cards, for mouse users: hidden from the keyboard and from screen
 * readers (aria-hidden, not focusable), who already scroll a row by tabbing through its links.
 * @param {ParentNode} root
 */
function rowButtons(root) {
  for (const cards of root.querySelectorAll('.row .cards')) {
    if (!(cards instanceof HTMLElement) || cards.dataset.buttons) continue;
    cards.dataset.buttons = '1';
    const wrap = el('div', { class: 'scroller' });
    cards.replaceWith(wrap);
    /** @param {'prev' | 'next'} dir */
    const button = (dir) => {
      const b = el(
        'span',
        { class: `scroll ${dir}`, 'aria-hidden': 'true', title: dir === 'prev' ? 'Previous' : 'Next' },
        [dir === 'prev' ? '‹' : '›'],
      );
      b.addEventListener('click', () => {
        cards.scrollBy({ left: (dir === 'prev' ? -1 : 1) * cards.clientWidth * 0.9, behavior: 'smooth' });
      });
      return b;
    };
    const prev = button('prev');
    const next = button('next');
    wrap.append(prev, cards, next);
    const update = () => {
      prev.hidden = cards.scrollLeft <= 2;
      next.hidden = cards.scrollLeft + cards.clientWidth >= cards.scrollWidth - 2;
    };
    cards.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    update();
  }
}

/**
 * "Like this, but…" on a movie page: the move links and the sliders re-rank "More like this" through
 * the API without a reload, and keep their values in the URL (replaceState) so the list can be shared.
 */
function tuneBar() {
  const bar = document.querySelector('section.tune');
  const section = document.getElementById('row-similar')?.closest('section');
  if (!(bar instanceof HTMLElement) || !section) return;
  const id = bar.dataset['movie'] ?? '';
  const sliders = bar.querySelector('form.sliders');
  if (!(sliders instanceof HTMLFormElement)) return;
  sliders.hidden = false;
  const moves = new Set(
    (new URLSearchParams(window.location.search).get('tune') ?? '').split(',').filter(Boolean),
  );
  /** @type {AbortController | undefined} */
  let pending;
  let timer = 0;
  const query = () => {
    const params = new URLSearchParams();
    if (moves.size) params.set('tune', [...moves].join(','));
    const weights = /** @type {HTMLInputElement[]} */ ([...sliders.querySelectorAll('input[type=range]')])
      .filter((input) => Number(input.value) !== 1)
      .map((input) => `${input.name}:${input.value}`);
    if (weights.length) params.set('weights', weights.join(','));
    return params.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  };
  const update = async () => {
    const q = query();
    window.history.replaceState(null, '', `/movie/${id}${q ? `?${q}` : ''}`);
    for (const link of bar.querySelectorAll('a[data-move]')) {
      if (link instanceof HTMLElement)
        link.setAttribute('aria-pressed', String(moves.has(link.dataset['move'] ?? '')));
    }
    pending?.abort();
    pending = new AbortController();
    try {
      const res = await window.fetch(`/api/movies/${id}/similar?limit=12${q ? `&${q}` : ''}`, {
        signal: pending.signal,
      });
      if (!res.ok) return;
      /** @type {RecommendationList} */
      const list = await res.json();
      const cards = section.querySelector('ul.cards');
      cards?.replaceChildren(...list.items.map((r) => card(r.movie, r.explanation)));
      const heading = section.querySelector('h2');
      const label = heading?.firstChild;
      if (label && label.nodeType === Node.TEXT_NODE) {
        const names = [...bar.querySelectorAll('a[aria-pressed=true]')].map((a) =>
          (a.textContent ?? '').toLowerCase(),
        );
        const last = names.pop();
        label.textContent = last
          ? `More like this, but ${names.length ? `${names.join(', ')} and ` : ''}${last}`
          : 'More like this';
      }
    } catch {
      // aborted by a newer move, or offline: the list shown stays
    }
  };
  bar.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[data-move]') : null;
    if (!(link instanceof HTMLElement)) return;
    e.preventDefault();
    const move = link.dataset['move'] ?? '';
    if (moves.has(move)) moves.delete(move);
    else moves.add(move);
    void update();
  });
  sliders.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), 150);
  });
}

function tastePage() {
  const form = document.getElementById('taste-form');
  if (!(form instanceof HTMLFormElement)) return;
  const params = new URLSearchParams(window.location.search);
  const taste = loadTaste();
  // the server renders from the URL (the latest picks); the row then comes from the whole taste
  const url = () => {
    const latest = tasteRequest(loadTaste()).liked.slice(0, 50);
    return `/taste?${new URLSearchParams(latest.map((id) => ['liked', id]))}`;
  };
  const boxes = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[name=liked]')]);
  if (onStaticHost()) {
    // one file serves every /taste?…: the picks in the URL join the taste, the boxes show it
    const t = loadTaste();
    for (const id of params.getAll('liked'))
      if (/^tt\d{7,10}$/.test(id) && !t.liked.includes(id)) t.liked.push(id);
    saveTaste(t);
    for (const box of boxes) box.checked = t.liked.includes(box.value);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void refreshTasteRow(loadTaste());
    });
  } else if (!params.has('liked') && !params.has('cluster') && taste.liked.length > 0) {
    window.location.replace(url());
    return;
  }
  if (loadTaste().liked.length > 0) void refreshTasteRow(loadTaste());
  form.addEventListener('change', () => {
    const t = loadTaste();
    for (const box of boxes) {
      const label = box.parentElement?.textContent?.trim().replace(/\s*\(\d+\)$/, '') ?? box.value;
      if (box.checked && !t.liked.includes(box.value)) {
        t.liked.push(box.value);
        t.titles[box.value] = label;
      }
      if (!box.checked) t.liked = t.liked.filter((x) => x !== box.value);
    }
    saveTaste(t);
    form.requestSubmit();
  });
  document.addEventListener('kinema:import', (e) => {
    const detail = /** @type {CustomEvent<{ taste: Taste, replace: boolean }>} */ (e).detail;
    saveTaste(detail.replace ? detail.taste : mergeTaste(loadTaste(), detail.taste));
    // stay on the page, so the import's report stays in view
    window.history.replaceState(null, '', url());
    void refreshTasteRow(loadTaste());
  });
  const add = document.getElementById('taste-add');
  const addList = document.getElementById('taste-add-list');
  if (add instanceof HTMLInputElement && addList) {
    combobox(add, addList, {
      people: false,
      posters: true,
      choose(s) {
        if (s.kind !== 'movie') return;
        const t = loadTaste();
        t.liked = [...t.liked.filter((id) => id !== s.id), s.id].slice(-MAX);
        t.disliked = t.disliked.filter((id) => id !== s.id);
        t.titles[s.id] = s.title;
        saveTaste(t);
        if (!onStaticHost()) window.location.assign(url());
        else {
          for (const box of boxes) box.checked = t.liked.includes(box.value);
          add.value = '';
          void refreshTasteRow(t);
        }
      },
    });
    add.closest('[hidden]')?.removeAttribute('hidden');
  }
  // import.js writes the taste file; the taste it asks for comes from here, where it is kept
  document.addEventListener('kinema:export', (e) => {
    /** @type {CustomEvent<{ taste?: Taste }>} */ (e).detail.taste = loadTaste();
  });
}

/**
 * An imported history added to the taste: its ratings win over earlier picks of the same movies,
 * its best rated become the latest picks.
 * @param {Taste} t @param {Taste} add
 */
function mergeTaste(t, add) {
  const drop = (/** @type {string[]} */ list, /** @type {string[]} */ gone) =>
    list.filter((id) => !gone.includes(id));
  const liked = [...drop(t.liked, [...add.liked, ...add.disliked]), ...[...add.liked].reverse()];
  const disliked = [...drop(t.disliked, [...add.liked, ...add.disliked]), ...[...add.disliked].reverse()];
  const seen = [...drop(t.seen, add.seen), ...add.seen];
  return {
    liked: liked.slice(-MAX),
    disliked: disliked.slice(-MAX),
    seen: seen.slice(-MAX_SEEN),
    titles: { ...t.titles, ...add.titles },
  };
}

/** The taste page's list from the whole stored taste (dislikes and seen movies included). @param {Taste} taste */
async function refreshTasteRow(taste) {
  const list = await recommendFor(taste, 24);
  const results = document.getElementById('taste-results');
  if (!list?.items.length || !results) return;
  results.replaceChildren(row('row-taste', 'Recommended for you', list.items));
  rowButtons(results);
}

/**
 * TMDB posters fall back to the generated poster when the CDN fails (the CSP forbids inline onerror):
 * error events do not bubble, so listen in the capture phase, and fix images that failed before this
 * deferred script ran.
 */
function posterFallback() {
  const swap = (/** @type {EventTarget | null} */ el) => {
    if (!(el instanceof HTMLImageElement) || !el.dataset['fallback']) return;
    el.src = el.dataset['fallback'];
    delete el.dataset['fallback'];
  };
  document.addEventListener('error', (e) => swap(e.target), true);
  for (const img of document.querySelectorAll('img[data-fallback]')) {
    if (img instanceof HTMLImageElement && img.complete && img.naturalWidth === 0) swap(img);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  posterFallback();
  autocomplete();
  rowButtons(document);
  tasteButtons();
  tastePage();
  tuneBar();
  void fillForYou();
  void staticSearchPage();
});
