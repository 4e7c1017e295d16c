/**
 * "Like this, but…": critiquing moves (newer, shorter, lighter…) and weight sliders (genres, people,
 * era, popularity) that re-rank a movie's own neighbours. They never bring in movies from elsewhere, so
 * a tuned list stays about the movie. Each signal is z-scored within the candidates, so a move is
 * worth the same against any list, and the pair score (also z-scored) keeps its say: one move shifts
 * the list, two moves shift it further, and no move leaves it as it was.
 */
import { KinemaError } from '../errors.ts';
import { genreMask } from '../genres.ts';
import { maskJaccard } from '../eval/metrics.ts';
import { popcount } from '../../numeric/row-distance.ts';
import { TopN, type Ranked } from '../top-n.ts';
import type { Similarity } from './similarity.ts';

export const MOVES = [
  'newer',
  'older',
  'shorter',
  'longer',
  'lighter',
  'darker',
  'acclaimed',
  'lesser-known',
] as const;
export type Move = (typeof MOVES)[number];

export const SLIDERS = ['genres', 'people', 'era', 'popularity'] as const;
export type Slider = (typeof SLIDERS)[number];
/** Slider values run from 0 (ignore this) over 1 (as the pair score has it) to 2 (twice as much). */
export const SLIDER_MAX = 2;

export interface Tune {
  moves?: readonly Move[];
  /** Per slider, 0..SLIDER_MAX; 1 (or absent) = the pair score's own balance. */
  weights?: Partial<Record<Slider, number>>;
}

/** How far one move pushes, in standard deviations of its signal per standard deviation of the score. */
const MOVE_STRENGTH = 3;
const LIGHT = genreMask(['Comedy', 'Family', 'Animation']);
const DARK = genreMask(['Crime', 'Horror', 'Thriller', 'War']);

/** Whether the tune changes anything (no moves, every slider at 1: the plain list). */
export function isTuned(tune: Tune | undefined): tune is Tune {
  if (!tune) return false;
  if (tune.moves?.length) return true;
  return Object.values(tune.weights ?? {}).some((w) => w !== undefined && w !== 1);
}

/** Parses "newer,lighter" (the API's `tune`, the CLI's `--tune`). */
export function parseMoves(raw: string): Move[] {
  const out: Move[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (!name) continue;
    if (!(MOVES as readonly string[]).includes(name)) {
      throw new KinemaError('bad-input', `unknown move "${part.trim()}"`, `one of ${MOVES.join(', ')}`);
    }
    if (!out.includes(name as Move)) out.push(name as Move);
  }
  return out;
}

/** Parses "genres:1.5,era:0.5" (the API's `weights`). */
export function parseWeights(raw: string): Partial<Record<Slider, number>> {
  const out: Partial<Record<Slider, number>> = {};
  for (const part of raw.split(',')) {
    if (!part.trim()) continue;
    const m = /^\s*([a-z]+)\s*:\s*(\d{1,3}(?:\.\d{1,4})?)\s*$/.exec(part);
    const name = m?.[1] as Slider | undefined;
    const value = Number(m?.[2]);
    if (!m || !name || !(SLIDERS as readonly string[]).includes(name) || !(value <= SLIDER_MAX)) {
      throw new KinemaError(
        'bad-input',
        `bad weight "${part.trim()}"`,
        `name:value with a name from ${SLIDERS.join(', ')} and a value from 0 to ${SLIDER_MAX}`,
      );
    }
    out[name] = value;
  }
  return out;
}

/** Re-ranks `candidates` (a's neighbours, best first) by the tune; returns the best `limit`. */
export function retune(sim: Similarity, a: number, candidates: Ranked, tune: Tune, limit: number): Ranked {
  const n = candidates.index.length;
  const total = new Float64Array(n);
  addZ(total, candidates.score, 1);
  const signal = new Float64Array(n);
  for (const move of tune.moves ?? []) {
    for (let j = 0; j < n; j++) signal[j] = moveSignal(sim, move, candidates.index[j]!);
    if (move === 'shorter' || move === 'longer') fillUnknownRuntime(signal);
    addZ(total, midRanks(signal), MOVE_STRENGTH);
  }
  for (const slider of SLIDERS) {
    const w = tune.weights?.[slider];
    if (w === undefined || w === 1) continue;
    for (let j = 0; j < n; j++) signal[j] = sliderSignal(sim, slider, a, candidates.index[j]!);
    addZ(total, signal, w - 1);
  }
  const top = new TopN(Math.min(limit, n), { scores: Float64Array });
  for (let j = 0; j < n; j++) top.push(j, total[j]!);
  const best = top.sorted();
  const index = new Int32Array(best.index.length);
  const score = new Float32Array(best.index.length);
  best.index.forEach((j, t) => {
    index[t] = candidates.index[j]!;
    score[t] = candidates.score[j]!;
  });
  return { index, score };
}

function moveSignal(sim: Similarity, move: Move, b: number): number {
  const c = sim.model.catalog;
  const mask = c.genres[b]!;
  const light = popcount(mask & LIGHT) - popcount(mask & DARK);
  switch (move) {
    case 'newer':
      return c.year[b]!;
    case 'older':
      return -c.year[b]!;
    case 'shorter':
      return c.runtime[b]! > 0 ? -c.runtime[b]! : NaN;
    case 'longer':
      return c.runtime[b]! > 0 ? c.runtime[b]! : NaN;
    case 'lighter':
      return light;
    case 'darker':
      return -light;
    case 'acclaimed':
      return c.bayes[b]!;
    case 'lesser-known':
      return -Math.log10(1 + Math.max(0, c.votes[b]!));
  }
}

function sliderSignal(sim: Similarity, slider: Slider, a: number, b: number): number {
  const c = sim.model.catalog;
  switch (slider) {
    case 'genres':
      return maskJaccard(c.genres[a]!, c.genres[b]!);
    case 'people':
      return sim.parts(a, b).people;
    case 'era':
      return -Math.abs(c.year[a]! - c.year[b]!);
    case 'popularity':
      return Math.log10(1 + Math.max(0, c.votes[b]!));
  }
}

/** An unknown runtime counts as the candidates' median: no push either way. */
function fillUnknownRuntime(signal: Float64Array): void {
  const known = [...signal].filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 0;
  for (let j = 0; j < signal.length; j++) if (Number.isNaN(signal[j]!)) signal[j] = median;
}

/**
 * Values replaced by their rank (ties share the mean rank): a move's push depends on order, not on
 * outliers (a few 1930s films among the neighbours would otherwise make 2017 and 2022 look alike).
 */
function midRanks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((x, y) => values[x]! - values[y]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    for (let t = start; t < end; t++) ranks[order[t]!] = (start + end - 1) / 2;
    start = end;
  }
  return ranks;
}

/** total += weight × (values − mean) / sd; a constant signal adds nothing. */
function addZ(total: Float64Array, values: ArrayLike<number>, weight: number): void {
  const n = total.length;
  if (n === 0 || weight === 0) return;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += values[j]!;
  mean /= n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (values[j]! - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  if (!(sd > 1e-9)) return;
  for (let j = 0; j < n; j++) total[j] = total[j]! + (weight * (values[j]! - mean)) / sd;
}
