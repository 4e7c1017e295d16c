/** Person page: name, professions, years, their films in the catalog by year with roles, and films like theirs. */
import type { PersonCredit, PersonDetail } from '../person-view.ts';
import type { MovieSummary } from '../views.ts';
import { Row } from './card.tsx';
import { Layout } from './layout.tsx';

export function PersonPage({ person, similar }: { person: PersonDetail; similar: MovieSummary[] }) {
  const years = lifeYears(person.birthYear, person.deathYear);
  const about = [person.professions.join(', '), years].filter(Boolean).join(' · ');
  return (
    <Layout title={person.name} description={`${person.name}: ${person.movies.length} films in kinema`}>
      <article class="person" data-id={person.id}>
        <h1>{person.name}</h1>
        {about ? <p class="meta">{about}</p> : null}
        <h2 id="films">Films in the catalog</h2>
        {person.totalMovies > person.movies.length ? (
          <p class="meta">
            The {person.movies.length} best-known of {person.totalMovies.toLocaleString('en-US')} films, by
            year.
          </p>
        ) : null}
        <ol class="credits" aria-labelledby="films">
          {person.movies.map((credit) => (
            <li>
              <span class="year">{credit.movie.year || '—'}</span>{' '}
              <a href={`/movie/${credit.movie.id}`}>{credit.movie.title}</a>{' '}
              <span class="roles">{rolesText(credit)}</span>
            </li>
          ))}
        </ol>
        <p>
          <a class="button" href={person.imdbUrl} rel="noopener noreferrer">
            IMDb page
          </a>
        </p>
      </article>
      <Row id="row-person-similar" title={`More like ${person.name}'s films`} movies={similar} />
    </Layout>
  );
}

/** "directed, wrote · as Bruce Wayne": what the person did in one film. */
export function rolesText(credit: PersonCredit): string {
  const words: string[] = [];
  if (credit.roles.includes('director')) words.push('directed');
  if (credit.roles.includes('writer')) words.push('wrote');
  if (credit.roles.includes('cast')) words.push(credit.characters ? `as ${credit.characters}` : 'starred');
  if (credit.roles.includes('known')) words.push(words.length ? 'known for it' : 'known for this film');
  return words.join(', ');
}

function lifeYears(birth: number | null, death: number | null): string {
  if (birth && death) return `${birth}–${death}`;
  if (birth) return `born ${birth}`;
  if (death) return `died ${death}`;
  return '';
}
