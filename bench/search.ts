/**
 * Title search benchmark: createTitleSearch against flexsearch's forward index (the anchor) on the same
 * titles in the same run. Catalogs: a SYNTHETIC 700k-title catalog (seeded; words drawn from a made-up
 * vocabulary with Zipf frequencies, popularity heavy-tailed) and, when present, the real titles of
 * ../shared/data/imdb-sample/title.basics.tsv.gz (joined with title.ratings for votes).
 * Reports build time, memory, p50/p99 per query class and hit@10 (the source title is in the top 10).
 *
 * The "with people" column is what /api/search answers since people are searched too: the title search
 * plus the people name search (src/core/people/name-search.ts) on the same query, over real name.basics
 * names for the sample and --people synthetic names (default 1,000,000) beside the synthetic catalog.
 *
 *   node --import tsx bench/search.ts [--size 700000] [--queries 300] [--people 1000000] [--no-anchor] [--json FILE] (rows for bench/run.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import FlexSearch from 'flexsearch';
import type { Catalog } from '../src/core/model-catalog.ts';
import { stringsOf } from '../src/core/columns.ts';
import { createTitleSearch, type TitleSearch } from '../src/core/search/index.ts';
import { writeRows, type ResultRow, numberArg, rng } from './_run.ts';
import { buildTitleIndex } from '../src/core/search/title-index.ts';
import { createNameSearch, type NameSearch } from '../src/core/people/name-search.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => numberArg(args, name, fallback);
const SIZE = arg('size', 700_000);
const QUERIES = arg('queries', 300);
const PEOPLE = arg('people', 1_000_000);
/** `--no-anchor` skips flexsearch (its 700k build takes minutes on a busy machine): for quick checks. */
const ANCHOR = !args.includes('--no-anchor');
const SAMPLE = resolve(import.meta.dirname, '../../shared/data/imdb-sample');

function catalogOf(
  rows: { id: string; title: string; original: string; year: number; rating: number; votes: number }[],
): Catalog {
  const n = rows.length;
  return {
    size: n,
    id: stringsOf(rows.map((r) => r.id)),
    title: stringsOf(rows.map((r) => r.title)),
    originalTitle: stringsOf(rows.map((r) => (r.original === r.title ? '' : r.original))),
    year: Int16Array.from(rows, (r) => r.year),
    runtime: new Int16Array(n),
    genres: new Uint32Array(n),
    rating: Float32Array.from(rows, (r) => r.rating),
    votes: Int32Array.from(rows, (r) => r.votes),
    bayes: Float32Array.from(rows, (r) => r.rating),
    cluster: new Int32Array(n),
    distance: new Float32Array(n),
  };
}

function syntheticCatalog(size: number, seed: number): Catalog {
  const rand = rng(seed);
  const syllables =
    'ka,ro,mi,ne,the,lo,ve,dar,kin,sta,ri,on,el,man,go,de,fa,ther,is,an,mor,tal,sun,vi,ta,bel,la,dra,gon,shi,ne,ra,no,ir,ex,pre,ss,ent,ion,ar'.split(
      ',',
    );
  const vocab = new Set<string>();
  while (vocab.size < 60_000) {
    let w = '';
    const k = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < k; i++) w += syllables[Math.floor(rand() * syllables.length)];
    vocab.add(w);
  }
  const words = [...vocab];
  // Zipf(1): cumulative weights, sampled by binary search
  const cum = new Float64Array(words.length);
  let total = 0;
  words.forEach((_, i) => (cum[i] = total += 1 / (i + 1)));
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const rows = [];
  for (let i = 0; i < size; i++) {
    const len = 1 + Math.floor(rand() ** 1.5 * 6);
    const parts = Array.from({ length: len }, () => cap(pick()));
    if (rand() < 0.25) parts.unshift('The');
    const title = parts.join(' ');
    const original = rand() < 0.15 ? parts.map((p) => p.replace('e', 'é')).join(' ') : title;
    rows.push({
      id: `tt${String(i + 1).padStart(7, '0')}`,
      title,
      original,
      year: 1900 + Math.floor(rand() * 126),
      rating: Math.round((1 + rand() * 9) * 10) / 10,
      votes: Math.floor(10 ** (1 + 5.5 * rand() ** 3)),
    });
  }
  return catalogOf(rows);
}

function realCatalog(): Catalog | null {
  const basics = `${SAMPLE}/title.basics.tsv.gz`;
  if (!existsSync(basics)) return null;
  const votes = new Map<string, [number, number]>();
  const ratings = `${SAMPLE}/title.ratings.tsv.gz`;
  if (existsSync(ratings)) {
    for (const line of gunzipSync(readFileSync(ratings)).toString('utf8').split('\n').slice(1)) {
      const [id, rating, n] = line.split('\t');
      if (id && n) votes.set(id, [Number(rating), Number(n)]);
    }
  }
  const rows = [];
  for (const line of gunzipSync(readFileSync(basics)).toString('utf8').split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 9) continue;
    const [rating, n] = votes.get(f[0]!) ?? [0, 0];
    rows.push({ id: f[0]!, title: f[2]!, original: f[3]!, year: Number(f[5]) || 0, rating, votes: n });
  }
  return catalogOf(rows);
}

/** A people search over names with a popularity (votes) each, as the build makes one. */
function peopleSearchOf(names: string[], votes: number[]): NameSearch {
  const n = names.length;
  return createNameSearch(
    buildTitleIndex({
      size: n,
      title: stringsOf(names),
      originalTitle: stringsOf(new Array<string>(n).fill('')),
      votes: Int32Array.from(votes),
      rating: new Float32Array(n),
    }),
  );
}

/** The sample's name.basics names; popularity: the votes of their knownForTitles. */
function realPeople(): NameSearch | null {
  const file = `${SAMPLE}/name.basics.tsv.gz`;
  const ratings = `${SAMPLE}/title.ratings.tsv.gz`;
  if (!existsSync(file) || !existsSync(ratings)) return null;
  const votes = new Map<string, number>();
  for (const line of gunzipSync(readFileSync(ratings)).toString('utf8').split('\n').slice(1)) {
    const [id, , n] = line.split('\t');
    if (id && n) votes.set(id, Number(n));
  }
  const names: string[] = [];
  const pop: number[] = [];
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 6) continue;
    names.push(f[1]!);
    pop.push(
      Math.min(
        2 ** 31 - 1,
        (f[5] ?? '').split(',').reduce((s, t) => s + (votes.get(t) ?? 0), 0),
      ),
    );
  }
  return peopleSearchOf(names, pop);
}

/** SYNTHETIC people: first name + surname from made-up syllables, Zipf-ish popularity. */
function syntheticPeople(size: number, seed: number): NameSearch {
  const rand = rng(seed);
  const syl = 'an,bel,car,da,el,fi,gor,ha,is,jo,ka,lu,mar,ni,ol,pe,qu,ro,sa,te,ul,vi,wen,xa,yo,zel'.split(
    ',',
  );
  const word = (k: number) => {
    let w = '';
    for (let i = 0; i < k; i++) w += syl[Math.floor(rand() * syl.length)];
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const first = Array.from({ length: 3000 }, () => word(1 + Math.floor(rand() * 2)));
  const last = Array.from({ length: 60000 }, () => word(2 + Math.floor(rand() * 2)));
  const names: string[] = [];
  const votes: number[] = [];
  for (let i = 0; i < size; i++) {
    names.push(
      `${first[Math.floor(rand() ** 2 * first.length)]} ${last[Math.floor(rand() ** 2 * last.length)]}`,
    );
    votes.push(Math.floor(10 ** (1 + 6 * rand() ** 3)));
  }
  return peopleSearchOf(names, votes);
}

type Query = { text: string; row: number };

/** Query classes drawn from titles (popularity-weighted, as users type famous films more often). */
function queries(catalog: Catalog, seed: number): Record<string, Query[]> {
  const rand = rng(seed);
  const byVotes = Array.from({ length: catalog.size }, (_, i) => i).sort(
    (a, b) => catalog.votes[b]! - catalog.votes[a]!,
  );
  const draw = () => byVotes[Math.floor(rand() ** 3 * byVotes.length)]!;
  const wordsOf = (row: number) =>
    catalog.title
      .get(row)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const typo = (w: string) => {
    const i = 1 + Math.floor(rand() * (w.length - 2));
    return rand() < 0.5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
  };
  const make = (f: (row: number) => string | null): Query[] => {
    const out: Query[] = [];
    for (let guard = 0; out.length < QUERIES && guard < QUERIES * 50; guard++) {
      const row = draw();
      const text = f(row);
      if (text) out.push({ text, row });
    }
    return out;
  };
  return {
    'prefix 1-2 letters': make((r) => catalog.title.get(r).slice(0, 1 + Math.floor(rand() * 2))),
    'prefix 3-8 letters': make((r) => catalog.title.get(r).slice(0, 3 + Math.floor(rand() * 6))),
    'one word': make((r) => wordsOf(r).at(-1) ?? null),
    'two words, last partial': make((r) => {
      const w = wordsOf(r);
      return w.length >= 2 ? `${w.at(-1)} ${w[0]!.slice(0, 3)}` : null;
    }),
    'full title': make((r) => catalog.title.get(r)),
    'typo, 1 edit': make((r) => {
      const w = wordsOf(r).filter((x) => x.length >= 5);
      return w.length ? typo(w[0]!) : null;
    }),
    'title with a typo': make((r) => {
      const w = wordsOf(r);
      const i = w.findIndex((x) => x.length >= 5);
      return i >= 0 && w.length >= 2 ? w.map((x, j) => (j === i ? typo(x) : x)).join(' ') : null;
    }),
    '10 KB junk': make(() => '😀é\u0301 ' + 'ab'.repeat(5000)),
  };
}

/** Wall time and CPU time (user + system, so time the process spent descheduled is left out), ms. */
function timeIt<T>(f: () => T): [T, number, number] {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = f();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return [v, wall, (cpu.user + cpu.system) / 1000];
}

function memory(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const s2 = (ms: number) => (ANCHOR || ms > 0 ? (ms / 1000).toFixed(2) : '–');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const json: ResultRow[] = [];

function measure(name: string, label: string, catalog: Catalog, people: NameSearch | null): string[] {
  const lines: string[] = [];
  const row = (what: string, metric: string, ours: number, theirs: number, runs: number) =>
    json.push({
      bench: 'autocomplete',
      case: `${label} (${catalog.size.toLocaleString('en-US')} titles): ${what}`,
      metric,
      kinema: ours,
      anchor: ANCHOR && Number.isFinite(theirs) ? 'flexsearch forward index' : '',
      anchorValue: ANCHOR && Number.isFinite(theirs) ? theirs : undefined,
      runs,
    });
  const qs = queries(catalog, 7);
  const m0 = memory();
  const [ours, oursBuild, oursCpu] = timeIt(() => createTitleSearch(catalog));
  const m1 = memory();
  const [, lazyBuild, lazyCpu] = timeIt(() => createTitleSearch(catalog, { lazyTypos: true }));
  const m2 = memory();
  const [flex, flexBuild, flexCpu] = timeIt(() => {
    const index = new FlexSearch.Index({ tokenize: 'forward' });
    if (!ANCHOR) return null;
    for (let i = 0; i < catalog.size; i++)
      index.add(i, `${catalog.title.get(i)} ${catalog.originalTitle.get(i)}`);
    return index;
  });
  const m3 = memory();
  lines.push(`### ${name}: ${catalog.size.toLocaleString('en')} titles`, '');
  lines.push(`| | kinema | flexsearch forward | ratio |`, `|---|---:|---:|---:|`);
  lines.push(
    `| build, wall / CPU (s) | ${s2(oursBuild)} / ${s2(oursCpu)} (typo index lazy: ${s2(lazyBuild)} / ${s2(lazyCpu)}) | ${s2(flexBuild)} / ${s2(flexCpu)} | ${(oursCpu / flexCpu).toFixed(2)} (CPU) |`,
  );
  lines.push(
    `| memory (MB, heap + buffers) | ${((m1 - m0) / 2 ** 20).toFixed(0)} | ${((m3 - m2) / 2 ** 20).toFixed(0)} | ${((m1 - m0) / (m3 - m2)).toFixed(2)} |`,
  );
  row(
    `build; memory ${((m1 - m0) / 2 ** 20).toFixed(0)} MB vs ${((m3 - m2) / 2 ** 20).toFixed(0)} MB`,
    'CPU s',
    oursCpu / 1000,
    flexCpu / 1000,
    1,
  );
  lines.push(
    '',
    '| query class | kinema p50 / p99 / p99 CPU ms | with people p50 / p99 ms | flexsearch p50 / p99 / p99 CPU ms | p99 ratio | hit@10 kinema / flexsearch |',
    '|---|---:|---:|---:|---:|---:|',
  );
  const flexSearch = (q: string) => (flex ? (flex.search(q.slice(0, 256), { limit: 10 }) as number[]) : []);
  for (const [cls, list] of Object.entries(qs)) {
    for (const q of list.slice(0, 50)) {
      ours.search(q.text, 10); // warm up both engines
      flexSearch(q.text);
    }
    const a: number[] = [];
    const withPeople: number[] = [];
    const b: number[] = [];
    const ca: number[] = [];
    const cb: number[] = [];
    let hitA = 0;
    let hitB = 0;
    // interleave the two engines so machine noise hits both alike
    const both = (text: string) => {
      const hits = ours.search(text, 10);
      people?.search(text, 3);
      return hits;
    };
    for (const [k, q] of list.entries()) {
      // alternate which runs first: the second call of a query finds its caches warm
      const first = k % 2 === 0 && people ? timeIt(() => both(q.text)) : undefined;
      const [ra, ta, cpuA] = timeIt(() => ours.search(q.text, 10));
      const [, tp] = first ?? timeIt(() => both(q.text));
      withPeople.push(tp);
      const [rb, tb, cpuB] = timeIt(() => flexSearch(q.text));
      a.push(ta);
      b.push(tb);
      ca.push(cpuA);
      cb.push(cpuB);
      if (ra.some((h) => h.index === q.row)) hitA++;
      if (rb.includes(q.row)) hitB++;
    }
    lines.push(
      `| ${cls} | ${pct(a, 50).toFixed(3)} / ${pct(a, 99).toFixed(3)} / ${pct(ca, 99).toFixed(1)} | ${people ? `${pct(withPeople, 50).toFixed(3)} / ${pct(withPeople, 99).toFixed(3)}` : '–'} | ${pct(b, 50).toFixed(3)} / ${pct(b, 99).toFixed(3)} / ${pct(cb, 99).toFixed(1)} | ${(pct(a, 99) / pct(b, 99)).toFixed(2)} | ${((100 * hitA) / list.length).toFixed(0)}% / ${((100 * hitB) / list.length).toFixed(0)}% |`,
    );
    if (people)
      row(
        `${cls}, titles and people (what /api/search runs)`,
        'p99 ms',
        pct(withPeople, 99),
        NaN,
        list.length,
      );
    row(
      `${cls}, hit@10 ${((100 * hitA) / list.length).toFixed(0)}% vs ${((100 * hitB) / list.length).toFixed(0)}%`,
      'p99 ms',
      pct(a, 99),
      pct(b, 99),
      list.length,
    );
  }
  const resolveTimes: number[] = [];
  let resolved = 0;
  for (const q of qs['full title']!) {
    const [r, t] = timeIt(() => (ours as TitleSearch).resolve(`${q.text} (${catalog.year[q.row]})`));
    resolveTimes.push(t);
    if ('index' in r && r.index === q.row) resolved++;
  }
  lines.push(
    `| resolve "Title (year)" | ${pct(resolveTimes, 50).toFixed(3)} / ${pct(resolveTimes, 99).toFixed(3)} | – | – | – | ${((100 * resolved) / resolveTimes.length).toFixed(0)}% exact row / – |`,
    '',
  );
  return lines;
}

const out: string[] = [
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (2 cores, shared)`,
  '',
];
const real = realCatalog();
if (real)
  out.push(
    ...measure('real IMDb sample titles (title.basics, all title types)', 'real sample', real, realPeople()),
  );
else out.push('(no ../shared/data/imdb-sample: real-title run skipped)', '');
out.push(
  ...measure(
    'SYNTHETIC catalog (seeded Zipf words)',
    'synthetic',
    syntheticCatalog(SIZE, 42),
    PEOPLE > 0 ? syntheticPeople(PEOPLE, 43) : null,
  ),
);
console.log(out.join('\n'));
writeRows(args, json);
