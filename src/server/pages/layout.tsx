/** The page shell: head, header with the search combobox, main landmark, footer. No inline script or style. */
import { useContext, type Child } from 'hono/jsx';
import { AssetUrl } from '../assets.ts';
import { raw } from 'hono/html';
import { PosterCredit } from '../tmdb/blocks.tsx';
import { Combobox } from './combobox.tsx';

export interface LayoutProps {
  title: string;
  /** Current query, echoed in the search box. */
  query?: string;
  description?: string;
  /** Module scripts this page adds (asset names), e.g. the taste page's import. */
  modules?: string[];
  children?: Child;
}

export function Layout({ title, query, description, modules, children }: LayoutProps) {
  const asset = useContext(AssetUrl);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="dark" />
          <title>{title === 'kinema' ? title : `${title} · kinema`}</title>
          <meta
            name="description"
            content={description ?? 'Movie recommendations from the public IMDb datasets.'}
          />
          <link rel="icon" href={asset('icon.svg')} type="image/svg+xml" />
          <link rel="stylesheet" href={asset('app.css')} />
          <script src={asset('static-host.js')} defer></script>
          <script src={asset('app.js')} defer></script>
          {modules
            // a module the build makes (import.js) is absent when src/ is served directly: no link to a 404
            ?.filter((name) => asset(name) !== `/assets/${name}`)
            .map((name) => (
              <script type="module" src={asset(name)}></script>
            ))}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <a class="brand" href="/" aria-label="kinema home">
              kinema
            </a>
            <nav aria-label="Main">
              <a href="/">Home</a>
              <a href="/clusters">Atlas</a>
              <a href="/taste">Your taste</a>
              <a href="/insights">Insights</a>
            </nav>
            <form class="search" role="search" action="/search" method="get">
              <label for="q" class="sr-only">
                Search movies
              </label>
              <Combobox id="q" name="q" value={query} label="Suggestions" />
              <button type="submit">Search</button>
            </form>
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="foot">
            <p>
              Data:{' '}
              <a href="https://developer.imdb.com/non-commercial-datasets/">IMDb non-commercial datasets</a>.{' '}
              <PosterCredit /> <a href="/api/openapi.json">API</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
