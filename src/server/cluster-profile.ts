/** Per-cluster summaries for the atlas: size, genre mix, era and rating, computed from the catalog. */
import { GENRES, type Genre } from '../core/genres.ts';
import type { Model } from '../core/model.ts';

export interface ClusterProfile {
  id: number;
  name: string;
  size: number;
  /** Share of members having each genre, largest first, top 5. */
  genres: { genre: Genre; share: number }[];
  yearMedian: number;
  yearRange: [number, number];
  ratingMean: number;
}

export function clusterProfiles(model: Model): ClusterProfile[] {
  const { catalog, manifest } = model;
  const k = model.k;
  // one pass, fixed-size tallies (no per-cluster member lists: at 700k movies those cost ~50 MB of heap)
  const G = GENRES.length;
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (let i = 0; i < catalog.size; i++) {
    const y = catalog.year[i]!;
    if (y > 0) {
      minYear = Math.min(minYear, y);
      maxYear = Math.max(maxYear, y);
    }
  }
  const span = maxYear >= minYear ? maxYear - minYear + 1 : 0;
  const sizes = new Int32Array(k);
  const genreCounts = new Int32Array(k * G);
  const ratingSums = new Float64Array(k);
  const yearCounts = new Int32Array(k * span);
  for (let i = 0; i < catalog.size; i++) {
    const c = catalog.cluster[i]!;
    if (!(c >= 0 && c < k)) continue;
    sizes[c]!++;
    const mask = catalog.genres[i]!;
    for (let g = 0; g < G; g++) if (mask & (1 << g)) genreCounts[c * G + g]!++;
    ratingSums[c]! += catalog.rating[i]!;
    const y = catalog.year[i]!;
    if (y > 0) yearCounts[c * span + y - minYear]!++;
  }
  return Array.from({ length: k }, (_, id) => {
    const size = sizes[id]!;
    const genres = GENRES.map((genre, g) => ({ genre, share: size ? genreCounts[id * G + g]! / size : 0 }))
      .filter((x) => x.share > 0)
      .sort((a, b) => b.share - a.share || a.genre.localeCompare(b.genre))
      .slice(0, 5);
    const years = yearCounts.subarray(id * span, (id + 1) * span);
    const known = years.reduce((s, n) => s + n, 0);
    // the year at sorted position floor(known / 2), as sorting every member's year would give
    let yearMedian = 0;
    for (let y = 0, seen = 0; y < span && known > 0; y++) {
      seen += years[y]!;
      if (seen > known >> 1) {
        yearMedian = minYear + y;
        break;
      }
    }
    const first = years.findIndex((n) => n > 0);
    const last = span - 1 - [...years].reverse().findIndex((n) => n > 0);
    const info = manifest.clusters.find((c) => c.id === id);
    return {
      id,
      name: info?.name ?? autoName(genres, yearMedian),
      size,
      genres,
      yearMedian,
      yearRange: [known ? minYear + first : 0, known ? minYear + last : 0],
      ratingMean: size ? Math.round((ratingSums[id]! / size) * 10) / 10 : 0,
    };
  });
}

// --- internal ---

/** Fallback when the build did not name clusters: top two genres and the median decade. */
function autoName(genres: { genre: Genre }[], year: number): string {
  const parts: string[] = genres.slice(0, 2).map((g) => g.genre);
  if (year > 0) parts.push(`${Math.floor(year / 10) * 10}s`);
  return parts.join(' · ') || 'Mixed';
}
