/**
 * Why b is recommended next to a: the shared features as data, and one short sentence that leads with
 * the reason that added most to the pair score ("The next Godfather film, also directed by Francis
 * Ford Coppola; both Crime and Drama.", "Liked by 41% of people who liked Se7en; both Crime and
 * Thriller, same era.").
 */
import { genreNames } from '../genres.ts';
import type { Explanation, PersonRef } from './types.ts';
import type { Similarity } from './similarity.ts';
import { sharedPeople as peopleInCommon } from './people-index.ts';
import { collabEntry } from '../collab/lists.ts';
import { titleStem } from './franchise.ts';

/** Released within this many years of each other. */
const ERA_YEARS = 5;
/** IMDb ratings within this many points. */
const RATING_CLOSE = 0.5;

/** With `because` (taste lists), `a` is the liked movie and the sentence names it. */
export function explain(sim: Similarity, a: number, b: number, because?: boolean): Explanation {
  const { catalog, people } = sim.model;
  // not parts(): an explanation shows no feature closeness, and a lazy model may not hold features
  const parts = sim.links(a, b);
  const index = sim.people();
  const sharedPeople: PersonRef[] =
    index && people
      ? peopleInCommon(index, a, b)
          .map(({ person, role }) => ({
            id: people.id.get(person),
            name: people.name.get(person),
            role,
          }))
          // someone missing from name.basics has no name to show: never an id in a sentence
          .filter((p) => p.name !== '')
      : [];
  const sharedGenres = genreNames(catalog.genres[a]! & catalog.genres[b]!);
  const ya = catalog.year[a]!;
  const yb = catalog.year[b]!;
  const sameFranchise = parts.franchise;
  const sameEra = ya > 0 && yb > 0 && Math.abs(ya - yb) <= ERA_YEARS;
  const similarRating = Math.abs(catalog.rating[a]! - catalog.rating[b]!) <= RATING_CLOSE;
  const sameCluster = catalog.cluster[a] === catalog.cluster[b];
  const collab = sim.model.collab;
  const entry = collab ? collabEntry(collab, a, b) : -1;
  const likedAlso = entry >= 0 ? collab!.shared[entry]! : 0;
  // what each reason added to the score decides which one the sentence leads with
  const w = sim.weights;
  const strength = {
    people: w.people * parts.people,
    collab: sim.behaviour(a, b),
  };
  // a franchise link is the reason a person sees first; otherwise the larger of people and co-likes
  const lead: Explanation['lead'] = sameFranchise
    ? 'franchise'
    : strength.people >= strength.collab && strength.people > 0
      ? 'people'
      : strength.collab > 0 && likedAlso > 0
        ? 'collab'
        : 'content';
  const series = sameFranchise ? seriesName(catalog.title.get(a), catalog.title.get(b)) : '';
  // whole literals, sentence filled in place: a spread copy plus one more key takes V8's slow path
  // for every explanation
  const e: Explanation = because
    ? {
        sharedGenres,
        sharedPeople,
        sameFranchise,
        sameEra,
        similarRating,
        sameCluster,
        likedAlso,
        lead,
        because: a,
        sentence: '',
      }
    : {
        sharedGenres,
        sharedPeople,
        sameFranchise,
        sameEra,
        similarRating,
        sameCluster,
        likedAlso,
        lead,
        sentence: '',
      };
  const later = yb > ya ? 'next' : yb < ya ? 'earlier' : 'other';
  e.sentence = sentence(e, catalog.title.get(a), Boolean(because), series && `the ${later} ${series} film`);
  return e;
}

/**
 * The sentence: the lead reason first, then the other strong ones, then the shared traits. `query` is
 * the movie the list is about (taste lists: the liked movie); `series` names the franchise relation.
 */
export function sentence(
  e: Omit<Explanation, 'sentence'>,
  query: string,
  because = false,
  series = 'same franchise',
): string {
  const reasons: Record<'franchise' | 'people' | 'collab', string[]> = {
    franchise: [],
    people: [],
    collab: [],
  };
  if (e.sameFranchise) reasons.franchise.push(series || 'same franchise');
  const directors = namesIn(e.sharedPeople, 'director');
  const writers = namesIn(e.sharedPeople, 'writer');
  const cast = namesIn(e.sharedPeople, 'cast');
  const also = e.lead === 'people' ? 'also ' : '';
  if (directors.length) reasons.people.push(`${also}directed by ${list(directors.slice(0, 2))}`);
  if (writers.length)
    reasons.people.push(`${directors.length ? '' : also}written by ${list(writers.slice(0, 2))}`);
  if (cast.length) reasons.people.push(`with ${list(cast.slice(0, 2))}`);
  if (e.likedAlso >= 0.05) {
    reasons.collab.push(`liked by ${Math.round(e.likedAlso * 100)}% of people who liked ${query}`);
  }
  const order = (['franchise', 'people', 'collab'] as const).filter((r) => r !== e.lead);
  const parts = [...(e.lead === 'content' ? [] : reasons[e.lead]), ...order.flatMap((r) => reasons[r])];
  const traits: string[] = [];
  if (e.sharedGenres.length) traits.push(`both ${list(e.sharedGenres.slice(0, 3))}`);
  if (e.sameEra) traits.push('same era');
  if (e.similarRating) traits.push('similarly rated');
  let text = parts.join(', ');
  if (traits.length) text = text ? `${text}; ${traits.join(', ')}` : traits.join(', ');
  if (!text) text = 'close in genre mix, era and rating';
  text = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return because ? `Because you liked ${query}: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** The franchise's name from the shorter of the two titles' stems, title-cased ("dark knight" → "Dark Knight"). */
function seriesName(a: string, b: string): string {
  const sa = titleStem(a).stem;
  const sb = titleStem(b).stem;
  const stem = sa.length <= sb.length ? sa : sb;
  const source = sa.length <= sb.length ? a : b;
  // keep the original capitalisation of the words where the title has them
  const words = stem.split(' ').map((word) => {
    const found = source.match(new RegExp(`\\b${word.replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'iu'));
    return found ? found[0] : word.charAt(0).toUpperCase() + word.slice(1);
  });
  return words.join(' ');
}

function namesIn(people: readonly PersonRef[], role: PersonRef['role']): string[] {
  const names: string[] = [];
  for (const p of people) if (p.role === role) names.push(p.name);
  return names;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
