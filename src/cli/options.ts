/** Option parsers shared by commands: each rejects a bad value with a message naming the flag. */
import { InvalidArgumentError } from 'commander';
import { KinemaError } from '../core/errors.ts';
import { GENRES, type Genre } from '../core/genres.ts';
import { parseMoves, type Move } from '../core/recommend/tune.ts';

export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${flag} must be a whole number ≥ 1, got "${value}"`);
    return n;
  };
}

export function nonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${flag} must be a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

export function oneOf<T extends string>(flag: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} must be one of ${values.join(', ')}, got "${value}"`);
    }
    return value as T;
  };
}

/** Repeatable option: each use adds a value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Comma-separated tune moves, repeatable. */
export function moves(value: string, previous: Move[] = []): Move[] {
  try {
    return [...new Set([...previous, ...parseMoves(value)])];
  } catch (error) {
    if (error instanceof KinemaError) throw new InvalidArgumentError(`${error.message}; ${error.hint}`);
    throw error;
  }
}

/** Comma-separated genre names (any case), repeatable. */
export function genres(value: string, previous: Genre[] = []): Genre[] {
  const out = [...previous];
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (!name) continue;
    const genre = GENRES.find((g) => g.toLowerCase() === name);
    if (!genre) throw new InvalidArgumentError(`unknown genre "${part.trim()}"; one of ${GENRES.join(', ')}`);
    out.push(genre);
  }
  return out;
}

/** A number from min to max. */
export function number(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

export interface Range {
  min?: number;
  max?: number;
}

/** "1990-1999", "1990-", "-1999" or "1995" (one value = both ends). */
export function range(flag: string) {
  return (value: string): Range => {
    const m = /^\s*(\d+)?\s*(-)?\s*(\d+)?\s*$/.exec(value);
    if (!m || (!m[1] && !m[3]) || (!m[2] && m[3])) {
      throw new InvalidArgumentError(`${flag} must look like 1990-1999, 1990- or -1999, got "${value}"`);
    }
    const min = m[1] === undefined ? undefined : Number(m[1]);
    const max = m[2] ? (m[3] === undefined ? undefined : Number(m[3])) : min;
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidArgumentError(`${flag} ${value} is empty: ${min} is after ${max}`);
    }
    return { min, max };
  };
}
