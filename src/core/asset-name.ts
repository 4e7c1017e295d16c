/**
 * Content-hashed asset names: `app.css` ships as `app.3f9c2a1b.css`, so a new build changes the URL
 * and a browser or CDN may keep each file for a year. The server, the static export and the deploy
 * name files with this one function, so a page and the bucket always agree.
 */
import { murmur3 } from '../numeric/hash.ts';

/** Cache-Control for a hashed asset: its content never changes under that name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** "app.css" and its bytes → "app.3f9c2a1b.css". */
export function hashedName(name: string, bytes: Uint8Array): string {
  const dot = name.lastIndexOf('.');
  const hash = (murmur3(bytes) >>> 0).toString(16).padStart(8, '0');
  return dot < 0 ? `${name}.${hash}` : `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/** Whether a file name is one `hashedName` made. */
export function isHashedName(file: string): boolean {
  return /\.[0-9a-f]{8}(?:\.[a-z0-9]+)?$/.test(file);
}
