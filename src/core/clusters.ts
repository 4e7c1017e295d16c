/**
 * Auto names for k-means clusters from their members: the dominant genres (frequent in the cluster and
 * more frequent there than in the catalog) and the era its members span, e.g. "Crime · Thriller · 1990s"
 * (two thirds of the members in one decade), "Drama · 1970s–1990s" (80% of them within three decades) or no era at
 * all when they spread wider. Names are unique within a model: a clash adds the next genre, then a number.
 */
import { GENRES } from './genres.ts';

export interface ClusterNameInput {
  /** Genre bit mask per movie (GENRES order). */
  genres: ArrayLike<number>;
  year: ArrayLike<number>;
  cluster: ArrayLike<number>;
  /** Number of clusters. */
  k: number;
}

/** A genre must cover this share of the cluster to be named. */
const MIN_SHARE = 0.25;

export function nameClusters(input: ClusterNameInput): string[] {
  const { genres, year, cluster, k } = input;
  const n = genres.length;
  const counts = Array.from({ length: k }, () => new Float64Array(GENRES.length));
  const total = new Float64Array(GENRES.length);
  const sizes = new Float64Array(k);
  const years: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const c = cluster[i]!;
    if (c < 0 || c >= k) continue;
    sizes[c]!++;
    if (year[i]! > 0) years[c]!.push(year[i]!);
    const mask = genres[i]!;
    for (let g = 0; g < GENRES.length; g++) {
      if (mask & (1 << g)) {
        counts[c]![g]!++;
        total[g]!++;
      }
    }
  }
  const ranked = counts.map((row, c) => {
    const size = sizes[c]! || 1;
    return Array.from(row, (count, g) => {
      const share = count / size;
      const lift = total[g]! > 0 ? share / (total[g]! / n) : 0;
      return { g, share, score: share * Math.sqrt(lift) };
    })
      .filter((x) => x.share > 0)
      .sort((a, b) => b.score - a.score || a.g - b.g);
  });
  const era = years.map(eraOf);
  const label = (c: number, extra: number) => {
    const list = ranked[c]!;
    const strong = list.filter((x) => x.share >= MIN_SHARE);
    const chosen = (strong.length ? strong : list).slice(0, 2 + extra).map((x) => GENRES[x.g]!);
    return [...(chosen.length ? chosen : ['Mixed']), ...(era[c] ? [era[c]] : [])].join(' · ');
  };
  const names = Array.from({ length: k }, (_, c) => label(c, 0));
  for (let c = 0; c < k; c++) {
    if (names.indexOf(names[c]!) === c) continue;
    const longer = label(c, 1);
    names[c] = names.includes(longer) ? `${names[c]} (${c + 1})` : longer;
  }
  return names;
}

/**
 * A decade must hold this share of the members to name the cluster: at a bare majority the label is
 * wrong for nearly half of them (the sample's Dark Knight cluster is 53% 1930s films).
 */
const DECADE_SHARE = 2 / 3;
/** Otherwise the decades from the 10th to the 90th percentile year, when at most this many years apart. */
const MAX_RANGE_YEARS = 30;

/** "1990s", "1970s–1990s" or "" from the members' release years. */
export function eraOf(years: number[]): string {
  if (years.length === 0) return '';
  const sorted = [...years].sort((a, b) => a - b);
  const decades = new Map<number, number>();
  for (const y of sorted)
    decades.set(Math.floor(y / 10) * 10, (decades.get(Math.floor(y / 10) * 10) ?? 0) + 1);
  const [decade, count] = [...decades].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  if (count / sorted.length >= DECADE_SHARE) return `${decade}s`;
  const at = (q: number) =>
    Math.floor(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 10) * 10;
  const [lo, hi] = [at(0.1), at(0.9)];
  return hi - lo <= MAX_RANGE_YEARS ? `${lo}s–${hi}s` : '';
}
