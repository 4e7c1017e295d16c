/**
 * An exported page made fit for a plain static host: it holds only the exported URLs, so every
 * internal link is kept when its target was written, pointed at IMDb when it names a movie or a
 * person that was not, and otherwise unlinked (an `<a>` without href reads as text). Links with a
 * query keep working only where the browser script reads it (search, taste). The page is marked
 * `data-static` so the script uses the exported files instead of the server's API, and the images
 * it shows (posters, charts) are reported, so the export can write them too.
 */

export interface StaticPage {
  html: string;
  /** The site's own images the page shows: /poster/tt….svg, /charts/….svg. */
  images: string[];
}

/** Pages whose query the browser script reads on a static host. */
const CLIENT_QUERIES = new Set(['/search', '/taste']);

/** Each exported URL (a page with its query, e.g. `/lists/top?offset=24`) and where the host serves it. */
export type ExportedUrls = ReadonlyMap<string, string>;

export function staticPage(html: string, exported: ExportedUrls): StaticPage {
  const images = new Set<string>();
  const marked = html.replace(/<html lang="([^"]*)"/, '<html lang="$1" data-static=""');
  const linked = marked.replace(/ href="(\/[^"]*)"/g, (whole, url: string) => {
    const target = staticTarget(url, exported);
    return target === undefined ? '' : target === url ? whole : ` href="${target}"`;
  });
  // a pager's link to a page not written goes, rather than stay as text that looks like a link
  const paged = linked.replace(/<nav class="pager"[^>]*>.*?<\/nav>/gs, (nav) =>
    nav.replace(/<a>[^<]*<\/a>/g, ''),
  );
  for (const [, url] of paged.matchAll(/ (?:src|data-fallback)="(\/(?:poster|charts)\/[^"]+)"/g))
    images.add(url!);
  return { html: paged, images: [...images].sort() };
}

/** Where a link should point on the static site, or undefined for no link. */
export function staticTarget(url: string, exported: ExportedUrls): string | undefined {
  if (url.startsWith('/assets/') || url.startsWith('/poster/')) return url;
  const paged = exported.get(url.replaceAll('&amp;', '&'));
  if (paged !== undefined) return paged;
  const [path = url, query] = url.split('?', 2);
  const bare = path.split('#', 1)[0]!;
  if (exported.has(bare) && (query === undefined || CLIENT_QUERIES.has(bare))) return url;
  const movie = /^\/movie\/(tt\d+)(?:\/similar)?$/.exec(bare);
  if (movie && query === undefined) return `https://www.imdb.com/title/${movie[1]}/`;
  const person = /^\/person\/(nm\d+)$/.exec(bare);
  if (person) return `https://www.imdb.com/name/${person[1]}/`;
  return undefined;
}
