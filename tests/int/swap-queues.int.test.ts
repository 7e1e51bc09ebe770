/** Paging through a lessor's review queue and Armos's pipeline: every swap once, in pages of the size asked. */
import { describe, expect, it } from 'vitest';
import { requestedSwap } from '../support/swap-fixture';
import { staffAccount } from '../support/swaps';
import { api } from '../support/stack';

interface Page {
  items: Array<{ id: string; status: string }>;
  nextCursor?: string;
}

async function allPages(token: string, query: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const response = await api(
      `/swaps?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('swap queues, page by page', () => {
  it('lists each swap exactly once however small the pages', async () => {
    const swaps = await Promise.all([
      requestedSwap('SODEGIS'),
      requestedSwap('SODEGIS'),
      requestedSwap('SODEGIS'),
    ]);
    for (const swap of swaps)
      expect(
        (await api(`/swaps/${swap.swapId}/confirm`, { method: 'POST', token: swap.partner.token }))
          .status,
      ).toBe(200);
    const ids = swaps.map((swap) => swap.swapId);
    const lessor = await staffAccount('lessor', 'SODEGIS');
    const armos = await staffAccount('armos');

    const queues = [
      [lessor.token, 'status=under_review'],
      [armos.token, 'lessorId=SODEGIS'],
      [armos.token, 'status=under_review'],
    ] as const;
    for (const [[token, query], limit] of queues.flatMap((queue) =>
      [1, 2].map((limit) => [queue, limit] as const),
    )) {
      const pages = await allPages(token, query, limit);
      const listed = pages.flat();
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(new Set(listed).size).toBe(listed.length);
      expect(ids.every((id) => listed.includes(id))).toBe(true);
    }
  });
});
