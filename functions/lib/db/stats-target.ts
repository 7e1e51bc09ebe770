/** One statistics item a batch of changes adds to: written by `stats-apply.ts`, grouped in `stats.ts`. */
import type { ItemKey } from './model';

export interface Target {
  key: ItemKey;
  entity: string;
  month: string;
  scope?: string;
  adds: Record<string, number>;
}
