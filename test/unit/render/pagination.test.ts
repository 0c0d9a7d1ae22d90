import { describe, expect, test } from 'vitest';
import { paginate } from '../../../src/render/pagination.ts';
import { homePageUrl } from '../../../src/render/urls.ts';

describe('render/pagination', () => {
  test('splits items into pages with URLs and prev/next neighbours', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, homePageUrl);
    expect(pages.map((page) => [page.url, page.items, page.prevUrl, page.nextUrl])).toEqual([
      ['/', [1, 2], undefined, '/page/2/'],
      ['/page/2/', [3, 4], '/', '/page/3/'],
      ['/page/3/', [5], '/page/2/', undefined],
    ]);
    expect(pages.every((page) => page.total === 3)).toBe(true);
  });

  test('keeps one page when everything fits, and one empty page for no items', () => {
    expect(paginate([1, 2], 10, homePageUrl)).toHaveLength(1);
    expect(paginate([], 10, homePageUrl)).toEqual([{ number: 1, total: 1, url: '/', items: [], prevUrl: undefined, nextUrl: undefined }]);
  });

  test('rejects a page size below 1', () => {
    expect(() => paginate([1], 0, homePageUrl)).toThrow(RangeError);
  });
});
