/**
 * RFC 4180 CSV as the rating exports write it: a UTF-8 BOM is dropped, lines end in LF or CRLF, a
 * quoted field may hold commas, doubled quotes and line breaks. Each record keeps the line it starts
 * on, so every later error can name it. Broken quoting is an error naming the line where the field
 * began, never a silently merged row.
 */
import { KinemaError } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export function parseCsv(text: string, file: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // a blank line (one empty field) is no record
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === '') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= src.length) {
          throw new KinemaError('bad-input', `${file}:${opened}: a quoted field is never closed`);
        }
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new KinemaError(
          'bad-input',
          `${file}:${opened}: text after a closing quote`,
          'quotes inside a field are doubled ("")',
        );
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else if (ch === '"') {
      throw new KinemaError('bad-input', `${file}:${line}: a quote in the middle of an unquoted field`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
