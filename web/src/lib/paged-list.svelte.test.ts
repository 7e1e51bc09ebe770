import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { PagedList } from './paged-list.svelte';

/** Pages of letters, two at a time: cursor "2" is the page starting at the third. */
function letters(all: string[], filter = { failNext: false }) {
  return vi.fn(async (cursor: string | undefined) => {
    if (filter.failNext) {
      filter.failNext = false;
      throw new ApiError(503, 'internal', 'Service indisponible.', []);
    }
    const from = Number(cursor ?? 0);
    const items = all.slice(from, from + 2);
    return from + 2 < all.length ? { items, nextCursor: String(from + 2) } : { items };
  });
}

describe('PagedList', () => {
  it('reads the first page, appends the next ones on "Voir plus" and announces how many came', async () => {
    const fetchPage = letters(['a', 'b', 'c', 'd', 'e']);
    const list = new PagedList(fetchPage, (count) => `${count} de plus`);
    expect(list.loading).toBe(true);

    await list.load();
    expect([list.items, list.nextCursor, list.loading]).toEqual([['a', 'b'], '2', false]);
    await list.load(true);
    await list.load(true);

    expect(list.items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(list.nextCursor).toBeUndefined();
    expect(list.announcement).toBe('1 de plus');
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, '2', '4']);
  });

  it('starts over from the first page on reload, with no stale items meanwhile', async () => {
    const list = new PagedList(letters(['a', 'b', 'c']), (count) => `${count} de plus`);
    await list.load();
    await list.load(true);

    list.reload();
    expect(list.items).toEqual([]);
    await vi.waitFor(() => expect(list.loading).toBe(false));
    expect(list.items).toEqual(['a', 'b']);
  });

  it('keeps what it has and says the list could not be loaded when a page fails', async () => {
    const failing = { failNext: false };
    const list = new PagedList(letters(['a', 'b', 'c'], failing), (count) => `${count} de plus`);
    await list.load();

    failing.failNext = true;
    await list.load(true);

    expect(list.items).toEqual(['a', 'b']);
    expect(list.error?.message).toBe(
      'La liste n’a pas pu être chargée. Réessayez dans quelques instants.',
    );
    expect(list.loading).toBe(false);
    await list.load(true);
    expect([list.items, list.error]).toEqual([['a', 'b', 'c'], null]);
  });

  it('shows only the list asked for last, whatever order the answers come in', async () => {
    // Prepare: the first filter's page answers after the second's.
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    let filter = 'old';
    const list = new PagedList(
      async () => {
        const asked = filter;
        if (asked === 'old') await slow;
        return { items: [asked] };
      },
      (count) => `${count} de plus`,
    );

    // Act
    const first = list.load();
    filter = 'new';
    list.reload();
    await vi.waitFor(() => expect(list.items).toEqual(['new']));
    release();
    await first;

    // Assess
    expect([list.items, list.loading]).toEqual([['new'], false]);
  });
});
