/** Gives a page the app's asset URLs (content-hashed names) while it renders. */
import type { HtmlEscapedString } from 'hono/utils/html';
import { AssetUrl } from '../assets.ts';

export function withAssetUrls(
  url: (name: string) => string,
  page: HtmlEscapedString | Promise<HtmlEscapedString>,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  return <AssetUrl.Provider value={url}>{page}</AssetUrl.Provider>;
}
