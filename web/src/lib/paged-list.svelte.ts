/**
 * A list read page by page from the API ("Voir plus"), as the staff queues show it: the items so
 * far, whether more exist, loading and error states, and what a screen reader is told. Another
 * tab or filter starts over with an empty list, so stale items never show under a new heading.
 */
import type { Page } from '$lib/api';
import { handleError, type UiError } from '$lib/errors';

export class PagedList<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | undefined>();
  loading = $state(true);
  error = $state<UiError | null>(null);
  /** For the polite live region next to the list. */
  announcement = $state('');

  /**
   * `fetchPage` reads the page after `cursor` (the first page without one) with the current
   * filters; `moreAnnounced` says how many items a "Voir plus" added ("20 annonces de plus affichées.").
   */
  constructor(
    private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    private readonly moreAnnounced: (count: number) => string,
  ) {}

  /** Bumped by each first page asked for: an answer for an older one is dropped. */
  private generation = 0;

  /** Reads the first page, or with `more` the next one; resolves with the items it added. */
  async load(more = false): Promise<T[]> {
    const generation = more ? this.generation : ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.fetchPage(more ? this.nextCursor : undefined);
      if (generation !== this.generation) return [];
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      if (more) this.announcement = this.moreAnnounced(page.items.length);
      return page.items;
    } catch (caught) {
      if (generation !== this.generation) return [];
      this.error = handleError(
        caught,
        'La liste n’a pas pu être chargée. Réessayez dans quelques instants.',
      );
      return [];
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Starts over from the first page, for another tab or filter. */
  reload(): void {
    this.items = [];
    this.nextCursor = undefined;
    void this.load();
  }
}
