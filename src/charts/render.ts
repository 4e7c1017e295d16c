/**
 * Turns Observable Plot options into a standalone SVG string: Plot draws into an injected document
 * (linkedom on the server, the real one in a browser), we take its <svg>, add the SVG namespace and an
 * accessible <title>/<desc>, and serialize. Every chart file goes through here so they look alike.
 */
import * as Plot from '@observablehq/plot';

/** Where and how big to draw. `document` is any DOM Document (linkedom's works). */
export interface ChartEnv {
  document: unknown;
  width?: number;
  height?: number;
  /** Draw the title inside the image (report SVG/PNG files); the site shows it as a heading instead. */
  headline?: boolean;
}

export interface ChartMeta {
  title: string;
  description: string;
}

/** The font stack: system UI in browsers; resvg maps the generic family to the shipped DejaVu Sans. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';
export const INK = '#1f2933';
export const MUTED = '#6b7785';
export const ACCENT = '#3b6fd8';

// minimal structural view of the DOM nodes we touch, so src/charts needs no DOM lib
interface Node {
  tagName: string;
  outerHTML: string;
  ownerDocument: { createElementNS(ns: string, name: string): Node };
  textContent: string | null;
  firstChild: Node | null;
  children: ArrayLike<Node>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  insertBefore(node: Node, before: Node | null): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function renderPlot(options: Plot.PlotOptions, meta: ChartMeta, env: ChartEnv): string {
  const headline = env.headline ?? false;
  const marginTop = (options.marginTop ?? 24) + (headline ? 30 : 0);
  // a top-anchored y label would sit under the headline: turn it sideways, centred on the axis
  const yLabel = typeof options.y?.label === 'string';
  const marginLeft = (options.marginLeft ?? 40) + (yLabel ? 18 : 0);
  const y = yLabel ? { ...options.y, labelAnchor: 'center' as const } : options.y;
  // likewise the x label goes centred below the ticks, clear of the last tick label
  const xLabel = typeof options.x?.label === 'string';
  const marginBottom = (options.marginBottom ?? 30) + (xLabel ? 12 : 0);
  const x = xLabel ? { ...options.x, labelAnchor: 'center' as const } : options.x;
  const marks = [...(options.marks ?? [])];
  if (headline) {
    marks.push(
      Plot.text([meta.title], {
        frameAnchor: 'top-left',
        dx: -marginLeft + 4,
        dy: -marginTop + 8,
        textAnchor: 'start',
        lineAnchor: 'top',
        fontSize: 15,
        fontWeight: 'bold',
        fill: INK,
      }),
    );
  }
  const result = Plot.plot({
    ...options,
    marks,
    marginTop,
    marginLeft,
    marginBottom,
    x,
    y,
    width: env.width ?? options.width ?? 720,
    height: env.height ?? options.height ?? 400,
    document: env.document as Plot.PlotOptions['document'],
    style: {
      fontFamily: FONT_FAMILY,
      fontSize: '12px',
      color: INK,
      background: 'white',
      overflow: 'visible',
    },
    ariaLabel: null,
    ariaDescription: null,
  }) as unknown as Node;
  const svg = pickSvg(result);
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('role', 'img');
  const doc = svg.ownerDocument;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = meta.description;
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = meta.title;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  return svg.outerHTML;
}

/** With a legend Plot returns a <figure>; the chart is its <svg> that has a viewBox. */
function pickSvg(node: Node): Node {
  if (node.tagName.toLowerCase() === 'svg') return node;
  for (const child of Array.from(node.children)) {
    if (child.tagName.toLowerCase() === 'svg' && child.getAttribute('viewBox')) return child;
    const inner = child.children.length ? pickSvgOrNull(child) : null;
    if (inner) return inner;
  }
  throw new Error(`Plot returned <${node.tagName}> without a chart <svg>`);
}

function pickSvgOrNull(node: Node): Node | null {
  try {
    return pickSvg(node);
  } catch {
    return null;
  }
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** Axis ticks like 950, 1.05K, 20K, 1.2M (fixed locale). */
export function formatCompact(n: number): string {
  return COMPACT.format(n);
}

/** Thousands separators, fixed locale so goldens do not depend on the machine. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
