/**
 * Drops the lines of an IMDb TSV whose first field is an id outside a set (`tt123\t…` for a TV episode,
 * when only movies are wanted) before DuckDB parses them: most rows of title.principals, title.akas and
 * name.basics are about other titles, and scanning for the id costs far less than parsing the row. A
 * line that does not start with the id's prefix and digits passes untouched, so DuckDB still sees and
 * reports it; the table's SQL filter stays the definition, this only spares it work.
 */

/** Numeric ids (tt0000123 → 123) as a bit set. */
export class IdSet {
  /** Bit `id` of words[id >>> 5]: all a worker thread needs to be sent to rebuild the set. */
  constructor(readonly bits: Uint32Array) {}

  static from(ids: Iterable<number>, max: number): IdSet {
    const bits = new Uint32Array((max >>> 5) + 1);
    for (const id of ids) bits[id >>> 5]! |= 1 << (id & 31);
    return new IdSet(bits);
  }

  has(id: number): boolean {
    return id >>> 5 < this.bits.length && (this.bits[id >>> 5]! & (1 << (id & 31))) !== 0;
  }
}

const NL = 10;
const TAB = 9;
const COMMA = 44;
const T = 116;
const N = 78;
const BACKSLASH = 92;
const ZERO = 48;

/** Which lines pass: by the id in the first field, or (names) a title in a list column; or by a field's text. */
export type LineRule = IdRule | FieldRule;

export interface IdRule {
  /** The first field's two-letter prefix: 'tt' or 'nm'. */
  prefix: string;
  ids: IdSet;
  /** Also keep a line whose field at this 0-based column lists (comma-separated) a tt id in `titles`. */
  listed?: { column: number; titles: IdSet };
}

/** Only lines whose field at `column` (0-based) is exactly `value`, and lines too short to have it, pass. */
export interface FieldRule {
  column: number;
  value: string;
}

/** inputLine of a filter, from its lineMap (sent back from the thread that filtered). */
export function inputLineOf(jumps: readonly number[], outputLine: number): number {
  let lo = 0;
  let hi = jumps.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (jumps[mid * 2]! <= outputLine) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return outputLine;
  return jumps[lo * 2 - 1]! + (outputLine - jumps[lo * 2 - 2]!);
}

/** Longer ids pass to DuckDB (the tables' checks allow at most 12 digits). */
const MAX_DIGITS = 12;

export class IdLineFilter {
  private carry: Buffer | null = null;
  /** Newline bytes seen: the file's line count, as countText counts it. */
  newlines = 0;
  private line = 0;
  /** Kept runs of the current chunk, [start, end) pairs (grown as needed). */
  private runs = new Int32Array(1024);
  /** Where the digits readId last read end (−1: none, or too many). */
  private after = -1;
  private kept = 0;
  private lastKept = true;
  /** [first kept output line, its input line] at each place lines were dropped before it. */
  private readonly jumps: number[] = [];

  private readonly p0: number;
  private readonly p1: number;

  private readonly rule: IdRule | null;
  private readonly field: { column: number; value: Buffer } | null;

  constructor(rule: LineRule) {
    this.rule = 'prefix' in rule ? rule : null;
    this.field = 'prefix' in rule ? null : { column: rule.column, value: Buffer.from(rule.value) };
    this.p0 = this.rule?.prefix.charCodeAt(0) ?? 0;
    this.p1 = this.rule?.prefix.charCodeAt(1) ?? 0;
  }

  /**
   * The kept bytes of `chunk`, whole lines only (a line cut by the chunk's end waits for the next), as
   * at most two buffers: a cut line completed, then the chunk's kept lines copied together.
   */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let from = 0;
    if (this.carry) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return out;
      }
      // only the cut line is joined: copying the whole chunk onto it would cost a chunk per chunk
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = null;
      this.newlines++;
      if (this.keep(line, 0, line.length - 1)) out.push(line);
      from = nl + 1;
    }
    let count = 0;
    let bytes = 0;
    let run = -1;
    let start = from;
    for (let end = chunk.indexOf(NL, start); end >= 0; end = chunk.indexOf(NL, start)) {
      this.newlines++;
      if (this.keep(chunk, start, end)) {
        if (run < 0) run = start;
      } else if (run >= 0) {
        count = this.addRun(count, run, start);
        bytes += start - run;
        run = -1;
      }
      start = end + 1;
    }
    if (run >= 0) {
      count = this.addRun(count, run, start);
      bytes += start - run;
    }
    if (count === 1 && this.runs[0] === from && this.runs[1] === start) out.push(chunk.subarray(from, start));
    else if (count > 0) {
      // one buffer of the kept lines: a write of thousands of small slices costs more than the copy
      const kept = Buffer.allocUnsafe(bytes);
      let at = 0;
      for (let r = 0; r < count; r++) at += chunk.copy(kept, at, this.runs[2 * r], this.runs[2 * r + 1]);
      out.push(kept);
    }
    this.carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : null;
    return out;
  }

  /** What is left at the end: a last line without a newline. */
  end(): Buffer[] {
    const rest = this.carry;
    this.carry = null;
    return rest && this.keep(rest, 0, rest.length) ? [rest] : [];
  }

  /** The input line (1-based, header included) of a 1-based line of the output. */
  inputLine(outputLine: number): number {
    return inputLineOf(this.jumps, outputLine);
  }

  /** Where lines were dropped, for inputLineOf (flat [output line, input line] pairs). */
  lineMap(): number[] {
    return this.jumps;
  }

  private addRun(count: number, start: number, end: number): number {
    if (2 * count + 2 > this.runs.length) {
      const bigger = new Int32Array(this.runs.length * 2);
      bigger.set(this.runs);
      this.runs = bigger;
    }
    this.runs[2 * count] = start;
    this.runs[2 * count + 1] = end;
    return count + 1;
  }

  private keep(data: Buffer, start: number, end: number): boolean {
    this.line++;
    const keep = this.line === 1 || !this.outside(data, start, end);
    if (keep) {
      this.kept++;
      if (!this.lastKept) this.jumps.push(this.kept, this.line);
    }
    this.lastKept = keep;
    return keep;
  }

  /** True only for a line whose first field is an id outside the set, and that lists no wanted title. */
  private outside(data: Buffer, start: number, end: number): boolean {
    const rule = this.rule;
    if (!rule) return this.otherValue(data, start, end, this.field!);
    if (data[start] !== this.p0 || data[start + 1] !== this.p1) return false;
    const id = this.readId(data, start + 2, end);
    const after = this.after;
    if (after < 0 || data[after] !== TAB) return false;
    if (rule.ids.has(id)) return false;
    return !(rule.listed && this.lists(data, after, end, rule.listed));
  }

  /** True for a line whose field at the rule's column holds other text (a short line is not). */
  private otherValue(data: Buffer, start: number, end: number, field: { column: number; value: Buffer }) {
    let at = start;
    for (let c = 0; c < field.column; c++) {
      at = data.indexOf(TAB, at);
      if (at < 0 || at >= end) return false;
      at++;
    }
    const value = field.value;
    const stop = at + value.length;
    // shorter or longer than the value: other text
    if (stop > end || (stop < end && data[stop] !== TAB)) return true;
    for (let i = 0; i < value.length; i++) if (data[at + i] !== value[i]) return true;
    return false;
  }

  private lists(data: Buffer, tab: number, end: number, listed: NonNullable<IdRule['listed']>): boolean {
    let at = tab;
    for (let c = 1; c < listed.column; c++) {
      at = data.indexOf(TAB, at + 1);
      if (at < 0 || at >= end) return true;
    }
    let i = at + 1;
    const stop = data.indexOf(TAB, i);
    const last = stop < 0 || stop > end ? end : stop;
    if (last - i === 2 && data[i] === BACKSLASH && data[i + 1] === N) return false;
    // anything but tt ids and commas is left for DuckDB to judge
    for (;;) {
      if (data[i] !== T || data[i + 1] !== T) return true;
      const id = this.readId(data, i + 2, last);
      const after = this.after;
      if (after < 0 || listed.titles.has(id)) return true;
      if (after === last) return false;
      if (data[after] !== COMMA) return true;
      i = after + 1;
    }
  }

  /** The digits from `i` as a number; `after` is the index after them, −1 when none or too many. */
  private readId(data: Buffer, i: number, end: number): number {
    let id = 0;
    let j = i;
    for (; j < end; j++) {
      const d = data[j]! - ZERO;
      if (d < 0 || d > 9) break;
      if (j - i === MAX_DIGITS) {
        this.after = -1;
        return 0;
      }
      id = id * 10 + d;
    }
    this.after = j === i ? -1 : j;
    return id;
  }
}
