/**
 * "Like this, but…" above a movie's "More like this": one link a move (toggling it in the URL, so the
 * page works without the script and a tuned list can be shared) and weight sliders, which the script
 * reveals and turns into live re-ranking through the API (src/client/app.js), values kept in the URL.
 */
import { MOVES, SLIDER_MAX, SLIDERS, type Move, type Tune } from '../../core/recommend/tune.ts';

export const MOVE_LABELS: Record<Move, string> = {
  newer: 'Newer',
  older: 'Older',
  shorter: 'Shorter',
  longer: 'Longer',
  lighter: 'Lighter',
  darker: 'Darker',
  acclaimed: 'More acclaimed',
  'lesser-known': 'Less known',
};

/** The query string of a tune ("" for none), as the API and the movie page read it. */
export function tuneQuery(tune: Tune | undefined): string {
  const params: string[] = [];
  if (tune?.moves?.length) params.push(`tune=${tune.moves.join(',')}`);
  const weights = SLIDERS.filter((s) => tune?.weights?.[s] !== undefined && tune.weights[s] !== 1);
  if (weights.length) params.push(`weights=${weights.map((s) => `${s}:${tune!.weights![s]}`).join(',')}`);
  return params.join('&');
}

/** "More like this, but newer and lighter". */
export function tunedTitle(tune: Tune | undefined): string {
  const moves = tune?.moves ?? [];
  if (moves.length === 0) return 'More like this';
  const names = moves.map((m) => MOVE_LABELS[m].toLowerCase());
  const last = names.pop()!;
  return `More like this, but ${names.length ? `${names.join(', ')} and ` : ''}${last}`;
}

export function TuneBar({ movieId, tune }: { movieId: string; tune: Tune | undefined }) {
  const on = new Set(tune?.moves ?? []);
  const href = (move: Move) => {
    const moves = on.has(move) ? [...on].filter((m) => m !== move) : [...on, move];
    const query = tuneQuery({ moves, weights: tune?.weights });
    return `/movie/${movieId}${query ? `?${query}` : ''}#row-similar`;
  };
  return (
    <section class="tune" aria-label="Like this, but…" data-movie={movieId}>
      <span class="tune-label">Like this, but…</span>
      {MOVES.map((move) => (
        <a class="button" href={href(move)} data-move={move} aria-pressed={on.has(move) ? 'true' : 'false'}>
          {MOVE_LABELS[move]}
        </a>
      ))}
      <form class="sliders" hidden>
        {SLIDERS.map((slider) => (
          <label>
            {slider}{' '}
            <input
              type="range"
              name={slider}
              min="0"
              max={String(SLIDER_MAX)}
              step="0.25"
              value={String(tune?.weights?.[slider] ?? 1)}
            />
          </label>
        ))}
      </form>
    </section>
  );
}
