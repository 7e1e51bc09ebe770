/**
 * Growing the typed arrays the index and its queries reuse. A module function rather than a
 * closure in each caller: a closure is allocated on every call of the method that defines it,
 * even when nothing grows, and some of these methods run for every partner or wanter.
 */

/** `next` (a larger array of the same kind) holding `old`'s values first. */
export function grownInto<T extends Int32Array | Float64Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
