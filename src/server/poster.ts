/**
 * Poster stand-ins: the IMDb dumps have no images, so each movie gets a deterministic SVG built from
 * its title (hash → angle and pattern) and its first genre (palette). Text is drawn as SVG text, so
 * the browser's own fonts render it and the file stays under 1.5 KB.
 */
import type { Genre } from '../core/genres.ts';

const PALETTE: Partial<Record<Genre, [string, string]>> = {
  Action: ['#7f1d1d', '#f97316'],
  Adventure: ['#14532d', '#eab308'],
  Animation: ['#1e3a8a', '#22d3ee'],
  Biography: ['#3f3f46', '#d6d3d1'],
  Comedy: ['#854d0e', '#facc15'],
  Crime: ['#111827', '#b91c1c'],
  Documentary: ['#1f2937', '#94a3b8'],
  Drama: ['#312e81', '#a78bfa'],
  Family: ['#065f46', '#6ee7b7'],
  Fantasy: ['#4c1d95', '#f0abfc'],
  'Film-Noir': ['#0a0a0a', '#a3a3a3'],
  History: ['#451a03', '#d97706'],
  Horror: ['#0c0a09', '#dc2626'],
  Music: ['#831843', '#f472b6'],
  Musical: ['#9d174d', '#fde047'],
  Mystery: ['#172554', '#60a5fa'],
  Romance: ['#881337', '#fb7185'],
  'Sci-Fi': ['#042f2e', '#2dd4bf'],
  Sport: ['#1e3a8a', '#4ade80'],
  Thriller: ['#18181b', '#f59e0b'],
  War: ['#292524', '#84cc16'],
  Western: ['#431407', '#fb923c'],
};
const FALLBACK: [string, string] = ['#1f2937', '#64748b'];

export interface PosterInput {
  title: string;
  year: number;
  genres: readonly Genre[];
}

export function posterSvg({ title, year, genres }: PosterInput): string {
  const [dark, light] = PALETTE[genres[0] ?? 'Drama'] ?? FALLBACK;
  // the second genre tints the far end of the gradient and the motif, so same-genre posters differ
  const second = (genres[1] && PALETTE[genres[1]]) || undefined;
  const far = second ? second[0] : dark;
  const accent = second?.[1] ?? light;
  const h = hash(title);
  const angle = h % 360;
  const lines = wrap(title, 14, 4);
  const top = 250 - lines.length * 26;
  const text = lines.map((line, i) => fitted(line, 16, top + i * 26, 22, ' font-weight="700"')).join('');
  const caption = `${year > 0 ? year : ''}${genres.length ? ` · ${genres.slice(0, 2).join(' / ')}` : ''}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300" width="200" height="300" role="img" aria-label="${escapeXml(title)}">` +
    `<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${light}"/><stop offset=".55" stop-color="${dark}"/><stop offset="1" stop-color="${far}"/></linearGradient></defs>` +
    `<rect width="200" height="300" fill="url(#g)"/>` +
    motif(h, accent) +
    `<rect y="180" width="200" height="120" fill="#000" opacity=".45"/>` +
    `<g font-family="Helvetica,Arial,sans-serif" fill="#fff">${text}` +
    `${fitted(caption, 16, 282, 14, ' opacity=".8"')}</g></svg>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// --- internal ---

/** One of three shapes, placed by the title's hash: a sun, rings, or a diagonal band. */
function motif(h: number, color: string): string {
  const x = 20 + (h % 160);
  const y = 30 + ((h >> 8) % 150);
  const r = 50 + ((h >> 16) % 70);
  switch ((h >>> 24) % 3) {
    case 0:
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}" opacity=".3"/>`;
    case 1:
      return `<g fill="none" stroke="${color}" opacity=".35"><circle cx="${x}" cy="${y}" r="${r}" stroke-width="10"/><circle cx="${x}" cy="${y}" r="${r / 2}" stroke-width="6"/></g>`;
    default:
      return `<path d="M0 ${y + 40} L200 ${y - 40} L200 ${y + 10} L0 ${y + 90} Z" fill="${color}" opacity=".3"/>`;
  }
}

/** Room for a line of text: the poster's width less a 16-unit margin on each side. */
export const TEXT_WIDTH = 168;

/**
 * One line that never clips: a font size shrunk (down to 60%) until the line's estimated width fits,
 * and `textLength` as the guarantee when even that is too wide or the browser's font runs wider than the
 * estimate (long genres, long titles, wide letters).
 */
function fitted(line: string, x: number, y: number, size: number, attributes: string): string {
  const em = estimateEm(line);
  const fit = Math.max(Math.round(size * 0.6), Math.min(size, Math.floor(TEXT_WIDTH / Math.max(em, 0.01))));
  const wide = em * fit > TEXT_WIDTH * 0.9;
  const squeeze = wide
    ? ` textLength="${Math.min(TEXT_WIDTH, Math.round(em * fit))}" lengthAdjust="spacingAndGlyphs"`
    : '';
  return `<text x="${x}" y="${y}" font-size="${fit}"${attributes}${squeeze}>${escapeXml(line)}</text>`;
}

/** Width of a line in em for a bold sans-serif, erring wide (Helvetica/Arial bold advance widths). */
export function estimateEm(line: string): number {
  let em = 0;
  for (const ch of line) {
    if (ch === ' ') em += 0.28;
    else if ("il.,:;|!'’".includes(ch)) em += 0.3;
    else if ('MWmw@%'.includes(ch)) em += 0.95;
    else if (/[A-Z]/.test(ch)) em += 0.74;
    else if (ch.charCodeAt(0) <= 0x24f)
      em += 0.62; // Latin with accents
    else em += 1; // CJK and other wide scripts
  }
  return em;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Greedy word wrap; the last line gets an ellipsis when the title does not fit. */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return lines; // a word longer than a line is shrunk to fit (fitted), not cut
}
