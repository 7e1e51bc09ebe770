/** Bits of `CompiledListing.moverFlags`: the mover's traits that add fixed parts to its moves' scores. */
export const WISHES_QUARTIERS = 1;
export const HAS_NEEDS = 2;
export const OVER_OCCUPIED_NOW = 4;
export const UNDER_OCCUPIED_NOW = 8;
