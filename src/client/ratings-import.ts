/**
 * The taste page's file import, bundled by the build into /assets/import.js. A rating export (IMDb
 * or Letterboxd CSV) is parsed here, in the browser, with the same code as `kinema recommend
 * --ratings`; only the rows' ids or titles and years go to POST /api/match, never the ratings. A
 * taste file (JSON the page exported) is read the same way. The result goes to app.js, which keeps
 * the taste, as a `kinema:import` event; on any error the taste is left as it was.
 */
import { KinemaError } from '../core/errors.ts';
import { readExportFile, type RatedRow } from '../core/ratings/export-file.ts';
import { tasteFromRows, unmatchedSummary, type Catalogue } from '../core/ratings/taste-from-export.ts';
import { readTasteFile, writeTasteFile, type TasteFile } from '../core/ratings/taste-file.ts';
import { foldTitle } from '../core/search/normalize.ts';

interface Match {
  id: string;
  title: string;
  year: number;
}

export interface ImportDetail {
  taste: TasteFile;
  /** A taste file replaces the taste; an export adds to it. */
  replace: boolean;
  report: string;
  ms: number;
}

const key = (r: RatedRow) => (r.id ? `id ${r.id}` : `title ${r.year} ${r.title}`);

type Matcher = Catalogue & { movie(i: number): Match };

/**
 * On a static host (export-site --pages) no server resolves titles: the rows are matched against the
 * exported movies in api/index.json, by id, or by folded title and the nearest year.
 */
async function matchExported(): Promise<Matcher> {
  const res = await fetch('/api/index.json');
  const body = (await res.json()) as { movies?: [string, string, number][] };
  if (!res.ok || !body.movies) throw new KinemaError('io', `this site has no title index (${res.status})`);
  const movies = body.movies.map(([id, title, year]) => ({ id, title, year }));
  const byId = new Map(movies.map((m, i) => [m.id, i]));
  const byTitle = new Map<string, number[]>();
  movies.forEach((m, i) => {
    const key = foldTitle(m.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), i]);
  });
  return {
    byId: (id) => byId.get(id),
    resolve(title, year) {
      const same = byTitle.get(foldTitle(title)) ?? [];
      const gap = (i: number) => (year ? Math.abs(movies[i]!.year - year) : 0);
      return same.reduce<number | undefined>(
        (best, i) => (best === undefined || gap(i) < gap(best) ? i : best),
        undefined,
      );
    },
    year: (i) => movies[i]!.year,
    movie: (i) => movies[i]!,
  };
}

async function matchRows(rows: readonly RatedRow[]): Promise<Matcher> {
  if (document.documentElement.hasAttribute('data-static')) return matchExported();
  // one lookup per distinct id or title/year, the first row of each standing for it
  const first = new Map<string, RatedRow>();
  for (const r of rows)
    if ((r.id || (r.title && r.title.length <= 300)) && !first.has(key(r))) first.set(key(r), r);
  const keys = [...first.keys()];
  const sent = [...first.values()].map((r) => (r.id ? { id: r.id } : { title: r.title, year: r.year }));
  const res = await fetch('/api/match', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rows: sent }),
  });
  const body = (await res.json()) as { items?: (Match | null)[]; error?: { message: string } };
  if (!res.ok || !body.items)
    throw new KinemaError('bad-input', body.error?.message ?? `match failed (${res.status})`);
  const movies: Match[] = [];
  const byKey = new Map<string, number>();
  body.items.forEach((m, i) => {
    if (m) byKey.set(keys[i]!, movies.push(m) - 1);
  });
  return {
    byId: (id) => byKey.get(`id ${id}`),
    resolve: (title, year) => byKey.get(`title ${year} ${title}`),
    year: (i) => movies[i]!.year,
    movie: (i) => movies[i]!,
  };
}

async function readFile(file: File): Promise<ImportDetail> {
  const started = performance.now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) {
    const taste = readTasteFile(new TextDecoder().decode(bytes), file.name);
    const report = `${file.name}: ${taste.liked.length} liked, ${taste.disliked.length} not for me, ${taste.seen.length} seen.`;
    return { taste, replace: true, report, ms: performance.now() - started };
  }
  const { rows, format } = readExportFile(bytes, file.name);
  const catalogue = await matchRows(rows);
  const imported = tasteFromRows(rows, catalogue);
  const ids = (list: number[]) => list.map((i) => catalogue.movie(i).id);
  const titles: Record<string, string> = {};
  for (const i of imported.seen) titles[catalogue.movie(i).id] = catalogue.movie(i).title;
  const matched = imported.rows - imported.unmatched.length;
  const source = format === 'imdb' ? 'IMDb' : 'Letterboxd';
  const report = [
    `${file.name} (${source}): ${matched.toLocaleString('en-US')} of ${imported.rows.toLocaleString('en-US')} rows matched: ${imported.liked.length} liked, ${imported.disliked.length} not for me, ${imported.seen.length} seen.`,
    unmatchedSummary(imported, file.name) ?? '',
  ].join(' ');
  return {
    taste: { liked: ids(imported.liked), disliked: ids(imported.disliked), seen: ids(imported.seen), titles },
    replace: false,
    report: report.trim(),
    ms: performance.now() - started,
  };
}

function setUp(): void {
  const input = document.getElementById('taste-file');
  const zone = document.getElementById('taste-drop');
  const status = document.getElementById('import-report');
  if (!(input instanceof HTMLInputElement) || !zone || !status) return;
  const take = async (file: File | undefined) => {
    if (!file) return;
    status.textContent = `Reading ${file.name}…`;
    status.setAttribute('role', 'status');
    try {
      const detail = await readFile(file);
      status.textContent = detail.report;
      status.dataset['ms'] = detail.ms.toFixed(1);
      document.dispatchEvent(new CustomEvent<ImportDetail>('kinema:import', { detail }));
    } catch (error) {
      const e = error as Error & { hint?: string };
      status.textContent = `${e.message}${e.hint ? ` (${e.hint})` : ''}. Your taste is unchanged.`;
      status.setAttribute('role', 'alert');
    }
    input.value = '';
  };
  input.addEventListener('change', () => void take(input.files?.[0]));
  document.getElementById('taste-export')?.addEventListener('click', () => {
    const ask: { taste?: TasteFile } = {};
    document.dispatchEvent(new CustomEvent('kinema:export', { detail: ask }));
    if (!ask.taste) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([writeTasteFile(ask.taste)], { type: 'application/json' }));
    link.download = 'kinema-taste.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void take(e.dataTransfer?.files[0]);
  });
  zone.hidden = false;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
else setUp();
