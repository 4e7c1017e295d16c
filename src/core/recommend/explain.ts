/**
 * Why b is recommended next to a: the shared features as data, and one short sentence built from them
 * ("Same franchise, directed by Francis Ford Coppola, with Al Pacino; both Crime and Drama, same era.").
 */
import { genreNames } from '../genres.ts';
import type { Explanation, PersonRef } from './types.ts';
import type { Similarity } from './similarity.ts';
import { sharedPeople } from './people-index.ts';

/** Released within this many years of each other. */
const ERA_YEARS = 5;
/** IMDb ratings within this many points. */
const RATING_CLOSE = 0.5;

/** With `because` (taste lists), `a` is the liked movie and the sentence names it. */
export function explain(sim: Similarity, a: number, b: number, because?: boolean): Explanation {
  const { catalog, people } = sim.model;
  const parts = sim.parts(a, b);
  const index = sim.people();
  const sharedPeopleRefs: PersonRef[] =
    index && people
      ? sharedPeople(index, a, b).map(({ person, role }) => ({
          id: people.id.get(person),
          name: people.name.get(person),
          role,
        }))
      : [];
  const sharedGenres = genreNames(catalog.genres[a]! & catalog.genres[b]!);
  const ya = catalog.year[a]!;
  const yb = catalog.year[b]!;
  const explanation: Omit<Explanation, 'sentence'> = {
    sharedGenres,
    sharedPeople: sharedPeopleRefs,
    sameFranchise: parts.franchise,
    sameEra: ya > 0 && yb > 0 && Math.abs(ya - yb) <= ERA_YEARS,
    similarRating: Math.abs(catalog.rating[a]! - catalog.rating[b]!) <= RATING_CLOSE,
    sameCluster: catalog.cluster[a] === catalog.cluster[b],
  };
  if (!because) return { ...explanation, sentence: sentence(explanation) };
  return { ...explanation, because: a, sentence: sentence(explanation, catalog.title.get(a)) };
}

export function sentence(e: Omit<Explanation, 'sentence'>, because?: string): string {
  const parts: string[] = [];
  if (e.sameFranchise) parts.push('same franchise');
  const names = (role: PersonRef['role']) => e.sharedPeople.filter((p) => p.role === role).map((p) => p.name);
  const directors = names('director');
  const writers = names('writer');
  const cast = names('cast');
  if (directors.length) parts.push(`directed by ${list(directors.slice(0, 2))}`);
  if (writers.length) parts.push(`written by ${list(writers.slice(0, 2))}`);
  if (cast.length) parts.push(`with ${list(cast.slice(0, 2))}`);
  const traits: string[] = [];
  if (e.sharedGenres.length) traits.push(`both ${list(e.sharedGenres.slice(0, 3))}`);
  if (e.sameEra) traits.push('same era');
  if (e.similarRating) traits.push('similarly rated');
  let text = parts.join(', ');
  if (traits.length) text = text ? `${text}; ${traits.join(', ')}` : traits.join(', ');
  if (!text) text = 'close in genre mix, era and rating';
  text = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return because ? `Because you liked ${because}: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
