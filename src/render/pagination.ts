// Stage 6: split a list into numbered pages with their URLs and prev/next neighbours.

/** One page of a paginated list. */
export interface ListPage<T> {
  /** 1-based. */
  number: number;
  total: number;
  url: string;
  items: T[];
  prevUrl?: string;
  nextUrl?: string;
}

/** Split `items` into pages of `perPage`; an empty list still has one (empty) page. */
export function paginate<T>(items: T[], perPage: number, urlOf: (number: number) => string): ListPage<T>[] {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a whole number of at least 1, got ${perPage}`);
  const total = Math.max(1, Math.ceil(items.length / perPage));
  return Array.from({ length: total }, (_unused, index) => {
    const number = index + 1;
    return {
      number,
      total,
      url: urlOf(number),
      items: items.slice(index * perPage, number * perPage),
      prevUrl: number > 1 ? urlOf(number - 1) : undefined,
      nextUrl: number < total ? urlOf(number + 1) : undefined,
    };
  });
}
