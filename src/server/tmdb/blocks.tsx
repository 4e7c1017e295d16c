/**
 * The TMDB parts of pages: a poster image with the generated poster as its fallback, the movie page's
 * backdrop, tagline, plot and where to watch (with JustWatch's credit), and the footer attribution
 * TMDB's terms ask for. Each renders exactly what the site had before when TMDB is off.
 */
import { useContext } from 'hono/jsx';
import { BACKDROP_SIZE, imageUrl, LOGO_SIZE, type TmdbDetails, type WatchProvider } from './details.ts';
import { TmdbContext } from './page-view.ts';
import { AssetUrl } from '../assets.ts';

export interface PosterImageProps {
  id: string;
  /** The generated poster (/poster/tt….svg), shown when TMDB has none or its image fails to load. */
  fallback: string;
  size: string;
  alt: string;
  /** Alt text for a real poster; `alt` serves both when absent. */
  realAlt?: string;
  width: number;
  height: number;
  class?: string;
  lazy?: boolean;
  urgent?: boolean;
}

export function PosterImage(p: PosterImageProps) {
  const poster = useContext(TmdbContext)?.details(p.id, p.urgent)?.poster;
  const lazy = p.lazy ? { loading: 'lazy' as const, decoding: 'async' as const } : {};
  if (!poster)
    return <img class={p.class} src={p.fallback} alt={p.alt} width={p.width} height={p.height} {...lazy} />;
  // app.js swaps in data-fallback when the CDN image fails (the CSP allows no inline onerror)
  return (
    <img
      class={p.class}
      src={imageUrl(poster, p.size)}
      data-fallback={p.fallback}
      alt={p.realAlt ?? p.alt}
      width={p.width}
      height={p.height}
      {...lazy}
    />
  );
}

/** The movie page's TMDB block: backdrop, tagline, plot, language and where to watch. */
export function MovieExtras({ id }: { id: string }) {
  const d = useContext(TmdbContext)?.details(id, true);
  if (!d) return null;
  return (
    <div class="tmdb">
      {d.tagline ? <p class="tagline">{d.tagline}</p> : null}
      {d.overview ? <p class="overview">{d.overview}</p> : null}
      {d.language ? (
        <p class="lang">
          <span class="label">Original language</span> {languageName(d.language)}
        </p>
      ) : null}
      <WhereToWatch details={d} />
    </div>
  );
}

export function Backdrop({ id }: { id: string }) {
  const path = useContext(TmdbContext)?.details(id, true)?.backdrop;
  if (!path) return null;
  return <img class="backdrop" src={imageUrl(path, BACKDROP_SIZE)} alt="" width={1280} height={720} />;
}

/** "Posters are generated stand-ins." without TMDB; TMDB's and JustWatch's credits with it. */
export function PosterCredit() {
  const asset = useContext(AssetUrl);
  if (!useContext(TmdbContext)) return <>Posters are generated stand-ins.</>;
  return (
    <span class="credit">
      <a href="https://www.themoviedb.org/" class="tmdb-logo">
        <img src={asset('tmdb.svg')} alt="TMDB" width={20} height={20} />
      </a>{' '}
      Posters, plots and where to watch come from TMDB. This product uses the TMDB API but is not endorsed or
      certified by TMDB. Where-to-watch data by <a href="https://www.justwatch.com/">JustWatch</a>. Movies
      TMDB lacks get a generated poster.
    </span>
  );
}

// --- internal ---

let languages: Intl.DisplayNames | undefined;

/** "ja" → "Japanese"; the code itself when the runtime's ICU does not know it. */
function languageName(code: string): string {
  try {
    return (languages ??= new Intl.DisplayNames(['en'], { type: 'language' })).of(code) ?? code;
  } catch {
    return code;
  }
}

function WhereToWatch({ details }: { details: TmdbDetails }) {
  const w = details.watch;
  if (!w) return null;
  const row = (label: string, providers: WatchProvider[]) =>
    providers.length === 0 ? null : (
      <div>
        <dt>{label}</dt>
        <dd>
          <ul>
            {providers.map((p) => (
              <li>
                {p.logo ? <img src={imageUrl(p.logo, LOGO_SIZE)} alt="" width={28} height={28} /> : null}
                {p.name}
              </li>
            ))}
          </ul>
        </dd>
      </div>
    );
  return (
    <section class="watch" aria-labelledby="watch-h">
      <h2 id="watch-h">Where to watch ({details.region})</h2>
      <dl>
        {row('Stream', w.stream)}
        {row('Rent', w.rent)}
        {row('Buy', w.buy)}
      </dl>
      <p class="credit">
        {w.link ? (
          <>
            <a href={w.link} rel="noopener noreferrer">
              All offers on TMDB
            </a>
            {' · '}
          </>
        ) : null}
        Data by <a href="https://www.justwatch.com/">JustWatch</a>
      </p>
    </section>
  );
}
