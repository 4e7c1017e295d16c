/** Gives a page the app's asset URLs (content-hashed names) while it renders. */
import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { AssetUrl } from '../assets.ts';
import type { AppEnv } from '../env.ts';

export function withAssetUrls(
  url: (name: string) => string,
  page: HtmlEscapedString | Promise<HtmlEscapedString>,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  return <AssetUrl.Provider value={url}>{page}</AssetUrl.Provider>;
}

/** The page with the request's asset URLs when the app set them (an error before that links plain names). */
export function pageWithAssets(
  c: Context<AppEnv>,
  page: HtmlEscapedString | Promise<HtmlEscapedString>,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  const url = c.get('assetUrl') as AppEnv['Variables']['assetUrl'] | undefined;
  return url ? withAssetUrls(url, page) : page;
}
