/**
 * Parts of a model read on first use instead of at load (Lambda, issue 18): a "similar" answer reads
 * the catalog, the people index, the franchise and collaborative lists and one neighbour row, and
 * never the feature matrix, people's credits and details, or the title search. A route awaits the
 * sections it needs before it runs synchronously, as it awaits its neighbour rows
 * (Neighbours.prefetch). Concurrent requests share one read; a failed read is forgotten, so the next
 * request retries it. Until its section is loaded a field throws instead of reading as empty.
 */
import { KinemaError } from './errors.ts';

/**
 * catalog: catalog.bin's original titles, centre distances and cold-start orders; features:
 * features.f32; people: people.bin past its index; search: search.bin; collab: collab.bin's entries
 * (before it, only the rows fetched with `rows`).
 */
export type ModelSection = 'catalog' | 'features' | 'people' | 'search' | 'collab';
export const MODEL_SECTIONS: readonly ModelSection[] = ['catalog', 'features', 'people', 'search', 'collab'];

export interface ModelSections {
  /** Reads these sections (each once; concurrent callers share the read). */
  load(names: readonly ModelSection[]): Promise<void>;
  loaded(name: ModelSection): boolean;
  /** Reads the collaborative rows of these movies (nothing once the collab section is loaded). */
  rows(movies: readonly number[]): Promise<void>;
}

export function modelSections(
  loaders: Record<ModelSection, () => Promise<void>>,
  rows: (movies: readonly number[]) => Promise<void> = async () => undefined,
): ModelSections {
  const done = new Set<ModelSection>();
  const pending = new Map<ModelSection, Promise<void>>();
  const one = (name: ModelSection): Promise<void> => {
    if (done.has(name)) return Promise.resolve();
    let read = pending.get(name);
    if (!read) {
      read = loaders[name]().then(
        () => {
          done.add(name);
          pending.delete(name);
        },
        (error: unknown) => {
          pending.delete(name); // the next request tries again
          if (error instanceof KinemaError) throw error;
          throw new KinemaError(
            'model',
            `the model's ${name} section could not be read: ${(error as Error).message}`,
            undefined,
            { cause: error },
          );
        },
      );
      pending.set(name, read);
    }
    return read;
  };
  return {
    async load(names) {
      await Promise.all(names.map(one));
    },
    loaded: (name) => done.has(name),
    rows,
  };
}

/** Makes `key` of `target` throw until `settle` gives it its value. */
export function guardField<T extends object>(target: T, key: keyof T & string, section: ModelSection): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      throw new KinemaError(
        'model',
        `model field ${key} was used before the model's ${section} section was loaded`,
      );
    },
  });
}

/** The loaded value in place of the guard; undefined removes the field (the file has none). */
export function settleField<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  if (value === undefined) {
    Reflect.deleteProperty(target, key);
    return;
  }
  Object.defineProperty(target, key, { configurable: true, enumerable: true, writable: true, value });
}
