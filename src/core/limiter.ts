/**
 * At most `concurrency` tasks running at once; a finished task hands its slot to the next one waiting
 * (first come, first served). Bounds the reads one instance keeps in flight against its object store.
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
