/**
 * What pages see of TMDB during one request: the details memory has, looked up without waiting.
 * A page that meets a movie still unknown or being refreshed (past its TTL) is marked volatile, so the response cache
 * does not keep it and the browser revalidates it: the next view shows the posters that arrived.
 * Passed to components through a hono/jsx context, so the cards deep in a row need no new props.
 */
import { createContext } from 'hono/jsx';
import type { TmdbDetails } from './details.ts';
import type { TmdbProvider } from './provider.ts';

export interface TmdbView {
  /** The movie's details, or undefined for the generated poster. `urgent`: the page is about it. */
  details(id: string, urgent?: boolean): TmdbDetails | undefined;
}

export const TmdbContext = createContext<TmdbView | undefined>(undefined);

/** A view over `provider` for one request; `onUnknown` runs (once) when a movie is not known yet. */
export function tmdbView(provider: TmdbProvider, onUnknown: () => void): TmdbView {
  let marked = false;
  return {
    details(id, urgent = false) {
      const seen = provider.peek(id, urgent);
      // unknown, or being refreshed: this page will differ once the answer is in
      if ((seen.state === 'unknown' || seen.stale) && !marked) {
        marked = true;
        onUnknown();
      }
      return seen.state === 'found' ? seen.details : undefined;
    },
  };
}
