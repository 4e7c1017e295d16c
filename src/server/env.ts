/** The Hono environment of the app: per-request values set by middleware. */
import type { LoadedModel } from './loaded-model.ts';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { HeaderRecord } from './middleware/security.ts';
import type { Compress } from './deps.ts';

export interface AppEnv {
  Variables: {
    /** The model for this whole request, pinned at its start so a hot swap never splits a response. */
    served: LoadedModel;
    clientIp: string;
    country: string | undefined;
    /** Cache-Control max-age of read-only responses (from the config). */
    maxAge: number;
    /** Response cache entries allowed (0 = off); set only for cacheable requests. */
    cacheSize: number;
    /** This response's headers so far (security, rate limit); respond.ts builds on them. */
    headers: HeaderRecord;
    /** The response respond.ts built with every header in place (nothing to add afterwards). */
    complete: Response;
    /**
     * The page shows data still being fetched (TMDB details): the response cache must not keep it and
     * browsers must revalidate it, so the next view has what arrived meanwhile.
     */
    volatile: boolean;
    /** The runtime's compressor (AppDeps.compress), when it has one. */
    compress: Compress;
    /** The URL a page links an asset as (its content-hashed name). */
    assetUrl: (name: string) => string;
    /** Wraps a page before it renders (the TMDB context provider), when set. */
    wrapPage: (
      page: HtmlEscapedString | Promise<HtmlEscapedString>,
    ) => HtmlEscapedString | Promise<HtmlEscapedString>;
  };
}
