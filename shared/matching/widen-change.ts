/**
 * What a widening of a listing's wishes is, and the wishes it leads to: shared by the engine
 * (`widen.ts`), the API and the web app, which applies it through the listing edit.
 */
import type { Typology } from '../reference/index';
import type { Wishes } from '../schemas/listing';

export const WIDEN_FIELDS = [
  'quartiers',
  'communes',
  'typologies',
  'maxTotalRent',
  'minSurface',
  'needs',
] as const;
export type WidenField = (typeof WIDEN_FIELDS)[number];
export const DROPPABLE_NEEDS = ['accessible', 'liftOrGroundFloor', 'maxFloor'] as const;
export type DroppableNeed = (typeof DROPPABLE_NEEDS)[number];

/** One change of the wishes: a quartier id, a commune code, a typology, a rent or surface, a need's name. */
export type WidenChange =
  | { field: 'quartiers'; value: string }
  | { field: 'communes'; value: string }
  | { field: 'typologies'; value: Typology }
  | { field: 'maxTotalRent'; value: number }
  | { field: 'minSurface'; value: number }
  | { field: 'needs'; value: DroppableNeed };

export interface Widening {
  change: WidenChange;
  /** New 2-way and 3-way cycles through the listing. */
  more2: number;
  more3: number;
}

/**
 * The wishes after a change, as the listing edit sends them. A quartier of a commune not wished
 * yet brings its commune along (wished quartiers lie in wished communes).
 */
export function applyWidening(
  wishes: Wishes,
  change: WidenChange,
  communeOfQuartier: (quartierId: string) => string | undefined,
): Wishes {
  const add = <T>(list: readonly T[], value: T) =>
    list.includes(value) ? [...list] : [...list, value];
  switch (change.field) {
    case 'quartiers': {
      const commune = communeOfQuartier(change.value);
      return {
        ...wishes,
        quartiers: add(wishes.quartiers, change.value),
        communes: commune === undefined ? [...wishes.communes] : add(wishes.communes, commune),
      };
    }
    case 'communes':
      return { ...wishes, communes: add(wishes.communes, change.value) };
    case 'typologies':
      return { ...wishes, typologies: add(wishes.typologies, change.value) };
    case 'maxTotalRent':
      return { ...wishes, maxTotalRent: change.value };
    case 'minSurface':
      return { ...wishes, minSurface: change.value };
    case 'needs': {
      const needs = { ...wishes.needs };
      delete needs[change.value];
      return { ...wishes, needs };
    }
  }
}
