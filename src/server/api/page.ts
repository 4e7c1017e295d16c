/** Offset pagination for lists whose total is unknown: ask for one more than shown to know if there is a next page. */
export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  /** Offset of the next page, or null on the last one. */
  next: number | null;
}

export function paginate<T>(fetched: T[], offset: number, limit: number): Page<T> {
  return {
    items: fetched.slice(0, limit),
    offset,
    limit,
    next: fetched.length > limit ? offset + limit : null,
  };
}
