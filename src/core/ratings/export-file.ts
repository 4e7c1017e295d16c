/**
 * A rating export as rows: IMDb's ratings CSV (Const, Your Rating, Date Rated, Title, Year, …) or
 * Letterboxd's ratings.csv / watched.csv (Date, Name, Year, Letterboxd URI[, Rating]). The format is
 * told by the header, ratings are brought to IMDb's 1–10 scale (Letterboxd's half stars × 2), and
 * anything that is not such a file (binary, too big, another site's CSV, a bad id or rating) is an
 * error naming the file and line, before any taste is touched.
 */
import { KinemaError } from '../errors.ts';
import { TITLE_ID } from '../title-id.ts';
import { parseCsv } from './csv-parse.ts';

export type ExportFormat = 'imdb' | 'letterboxd';

export interface RatedRow {
  line: number;
  /** IMDb exports: the tt id. */
  id?: string;
  title: string;
  /** 0 when the file gives none. */
  year: number;
  /** 1–10 (Letterboxd × 2); undefined for a watched-only row. */
  rating?: number;
}

export interface ExportFile {
  format: ExportFormat;
  rows: RatedRow[];
}

/** Larger than any real export (a 10,000-film IMDb export is ~1.5 MB). */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;

export function readExportFile(bytes: Uint8Array, file: string): ExportFile {
  if (bytes.length > MAX_EXPORT_BYTES) {
    throw new KinemaError(
      'bad-input',
      `${file} is ${Math.round(bytes.length / 1024 / 1024)} MB, more than a rating export can be`,
      'export your ratings from IMDb (Your ratings → Export) or Letterboxd (Settings → Data → Export)',
    );
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new KinemaError('bad-input', `${file} is a binary file, not a CSV export`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KinemaError('bad-input', `${file} is not UTF-8 text`);
  }
  const records = parseCsv(text, file);
  const header = records[0];
  if (!header) throw new KinemaError('bad-input', `${file} is empty`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  const format: ExportFormat | undefined =
    col('const') >= 0 && col('your rating') >= 0
      ? 'imdb'
      : col('name') >= 0 && col('year') >= 0 && col('letterboxd uri') >= 0
        ? 'letterboxd'
        : undefined;
  if (!format) {
    throw new KinemaError(
      'bad-input',
      `${file}:${header.line}: not an IMDb or Letterboxd export (header: ${header.fields.slice(0, 5).join(', ')})`,
      'IMDb exports start with Const,Your Rating; Letterboxd ones with Date,Name,Year,Letterboxd URI',
    );
  }
  const rows: RatedRow[] = [];
  for (const record of records.slice(1)) {
    const at = `${file}:${record.line}`;
    const get = (name: string) => (col(name) >= 0 ? (record.fields[col(name)] ?? '').trim() : '');
    if (record.fields.length !== header.fields.length) {
      throw new KinemaError(
        'bad-input',
        `${at}: ${record.fields.length} fields where the header has ${header.fields.length}`,
      );
    }
    const yearText = get('year');
    const year = yearText === '' ? 0 : Number(yearText);
    if (!Number.isInteger(year) || year < 0 || year > 2100) {
      throw new KinemaError('bad-input', `${at}: Year is not a year: ${JSON.stringify(yearText)}`);
    }
    if (format === 'imdb') {
      const id = get('const');
      if (!TITLE_ID.test(id)) {
        throw new KinemaError('bad-input', `${at}: Const is not an IMDb title id: ${JSON.stringify(id)}`);
      }
      rows.push({
        line: record.line,
        id,
        title: get('title'),
        year,
        rating: rating(get('your rating'), 1, 10, 1, `${at}: Your Rating`),
      });
    } else {
      const raw = get('rating');
      rows.push({
        line: record.line,
        title: get('name'),
        year,
        rating: raw === '' ? undefined : rating(raw, 0.5, 5, 2, `${at}: Rating`),
      });
    }
  }
  return { format, rows };
}

function rating(raw: string, min: number, max: number, scale: number, what: string): number {
  const value = Number(raw);
  if (raw === '' || !(value >= min && value <= max)) {
    throw new KinemaError('bad-input', `${what} must be from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value * scale;
}
