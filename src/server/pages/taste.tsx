/**
 * Taste page: pick movies, or whole clusters as MovieLens onboarding does, and see recommendations.
 * Works as a plain GET form (?liked=tt…&cluster=3); the client keeps the same taste in localStorage
 * and re-submits as boxes are ticked.
 */
import type { LoadedModel } from '../loaded-model.ts';
import { movieSummary, recommendationView, type RecommendationView } from '../views.ts';
import { CardPoster, Row } from './card.tsx';
import { Layout } from './layout.tsx';
import { AddMovie, ImportPanel } from './taste-import.tsx';

export interface TasteChoice {
  liked: number[];
  clusters: number[];
}

/** Movies a picked cluster contributes to the taste: its most popular few. */
const PER_CLUSTER = 3;

/** The picked movies and the most popular few of each picked cluster, each once. */
export function tasteLiked(served: LoadedModel, choice: TasteChoice): number[] {
  const liked = [...choice.liked];
  for (const c of choice.clusters)
    liked.push(...served.recommender.popular({ limit: PER_CLUSTER, cluster: c }));
  return [...new Set(liked)];
}

export function tasteRecommendations(served: LoadedModel, choice: TasteChoice): RecommendationView[] {
  const liked = tasteLiked(served, choice);
  if (liked.length === 0) return [];
  return served.recommender.taste({ liked }, { limit: 24 }).map((r) => recommendationView(served, r));
}

export function TastePage({ served, choice }: { served: LoadedModel; choice: TasteChoice }) {
  const recs = tasteRecommendations(served, choice);
  const candidates = [...new Set([...choice.liked, ...served.recommender.popular({ limit: 24 })])];
  return (
    <Layout title="Your taste" modules={['import.js']}>
      <h1>Your taste</h1>
      <p class="lede">
        Tick movies you like or whole kinds of movies, then update. Your picks stay in this browser.
      </p>
      <ImportPanel />
      <form id="taste-form" class="taste" method="get" action="/taste">
        <fieldset>
          <legend>Kinds of movies</legend>
          <ul class="chips">
            {served.clusters.map((c) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    name="cluster"
                    value={String(c.id)}
                    checked={choice.clusters.includes(c.id)}
                  />{' '}
                  {c.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>Movies</legend>
          <AddMovie />
          <ul class="picks">
            {candidates.map((i) => {
              const m = movieSummary(served, i);
              return (
                <li>
                  <label>
                    <input type="checkbox" name="liked" value={m.id} checked={choice.liked.includes(i)} />
                    <CardPoster movie={m} width={100} />
                    <span class="t">
                      {m.title} ({m.year})
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <button type="submit">Update recommendations</button>
      </form>
      <div id="taste-results">
        {recs.length ? (
          <Row
            id="row-taste"
            title="Recommended for you"
            movies={recs.map((r) => r.movie)}
            notes={recs.map((r) => ({
              sentence: r.explanation.sentence,
              people: r.explanation.sharedPeople,
            }))}
          />
        ) : (
          <p class="hint">Pick at least one movie or kind of movie.</p>
        )}
      </div>
    </Layout>
  );
}
