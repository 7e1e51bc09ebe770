/**
 * Orders indices by float64 keys with a radix sort on their bit patterns: linear, where
 * `TypedArray.prototype.sort` costs 50 to 100 ns per element on Node 20, and a query sorts its
 * wanters and each group's rents and surfaces. Stable: equal keys keep their index order. Only
 * the bytes that differ between keys get a pass (not the low bytes of whole numbers, nor the
 * exponent of keys of one magnitude), so whole euros, square metres or packed integers take two
 * or three.
 *
 * Usage: write `keys[0 .. n)` (after `reserve(n)`), then `sort(n)` returns the ordered indices.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
const SIGN = 0x80000000;

export class FloatOrder {
  keys = new Float64Array(64);
  private words = new Uint32Array(this.keys.buffer);
  private order = new Int32Array(64);
  private spare = new Int32Array(64);
  private readonly counts = new Int32Array(256);

  reserve(n: number): void {
    if (n <= this.keys.length) return;
    const size = Math.max(n, 2 * this.keys.length);
    this.keys = new Float64Array(size);
    this.words = new Uint32Array(this.keys.buffer);
    this.order = new Int32Array(size);
    this.spare = new Int32Array(size);
  }

  /** Indices 0 … n−1 by ascending key (no NaN); the keys are overwritten. Valid until the next sort. */
  sort(n: number): Int32Array {
    const words = this.words;
    let lowOr = 0;
    let lowAnd = -1;
    let highOr = 0;
    let highAnd = -1;
    for (let i = 0; i < n; i++) {
      // Flip so that unsigned order is numeric order: every bit of negatives, the sign bit of the rest.
      let high = words[2 * i + HIGH_WORD] as number;
      let low = words[2 * i + LOW_WORD] as number;
      if ((high & SIGN) !== 0) {
        high = ~high;
        low = ~low;
      } else {
        high |= SIGN;
      }
      words[2 * i + HIGH_WORD] = high;
      words[2 * i + LOW_WORD] = low;
      lowOr |= low;
      lowAnd &= low;
      highOr |= high;
      highAnd &= high;
      this.order[i] = i;
    }
    // A byte needs a pass only where some key's bit differs from another's.
    for (let b = 0; b < 4; b++)
      if ((((lowOr ^ lowAnd) >>> (8 * b)) & 255) !== 0) this.pass(n, LOW_WORD, 8 * b);
    for (let b = 0; b < 4; b++)
      if ((((highOr ^ highAnd) >>> (8 * b)) & 255) !== 0) this.pass(n, HIGH_WORD, 8 * b);
    return this.order;
  }

  /** One stable counting pass on the byte at `shift` of each key's `word`. */
  private pass(n: number, word: number, shift: number): void {
    const words = this.words;
    const counts = this.counts;
    const order = this.order;
    const spare = this.spare;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((words[2 * i + word] as number) >>> shift) & 255;
      counts[digit] = (counts[digit] as number) + 1;
    }
    let start = 0;
    for (let digit = 0; digit < 256; digit++) {
      const count = counts[digit] as number;
      counts[digit] = start;
      start += count;
    }
    for (let k = 0; k < n; k++) {
      const index = order[k] as number;
      const digit = ((words[2 * index + word] as number) >>> shift) & 255;
      const at = counts[digit] as number;
      spare[at] = index;
      counts[digit] = at + 1;
    }
    this.order = spare;
    this.spare = order;
  }
}
