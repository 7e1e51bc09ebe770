/**
 * Statistics periods. Aggregates are kept per month (`YYYY-MM`, La Réunion's local time, UTC+4
 * without daylight saving); quarters, semesters and years are sums of months.
 */
export const REUNION_OFFSET_MS = 4 * 3600_000;
const DAY_MS = 86_400_000;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest period a request may cover: ten years. */
export const MAX_PERIOD_MONTHS = 120;

/** The month (`YYYY-MM`, Réunion time) of an ISO instant; undefined if it is not a date. */
export function monthOf(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + REUNION_OFFSET_MS).toISOString().slice(0, 7);
}

/** Whole days from `from` to `to` (never negative); undefined when either date is missing. */
export function daysBetween(from: string | undefined, to: string | undefined): number | undefined {
  const start = from ? Date.parse(from) : NaN;
  const end = to ? Date.parse(to) : NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(0, Math.floor((end - start) / DAY_MS));
}

const toIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

export function addMonths(month: string, count: number): string {
  return fromIndex(toIndex(month) + count);
}

/** Number of months from `from` to `to`, both included (0 or less when `from` is after `to`). */
export function monthCount(from: string, to: string): number {
  return toIndex(to) - toIndex(from) + 1;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let index = toIndex(from); index <= toIndex(to); index += 1) months.push(fromIndex(index));
  return months;
}

export type PresetKind = 'month' | 'quarter' | 'semester' | 'year';

/** The calendar quarter, semester or year holding `month`. */
export function presetPeriod(kind: PresetKind, month: string): { from: string; to: string } {
  const size = { month: 1, quarter: 3, semester: 6, year: 12 }[kind];
  const index = toIndex(month);
  const start = index - (index % 12) + Math.floor((index % 12) / size) * size;
  return { from: fromIndex(start), to: fromIndex(start + size - 1) };
}

/**
 * The periods CINOR may ask for: a calendar month, quarter, semester or year. Any other span could
 * be subtracted from an overlapping one to reveal a month that masking hides.
 */
export function allowedPeriodsOf(year: number): Array<{ from: string; to: string }> {
  const first = `${String(year).padStart(4, '0')}-01`;
  return (['month', 'quarter', 'semester', 'year'] as const).flatMap((kind) => {
    const size = { month: 1, quarter: 3, semester: 6, year: 12 }[kind];
    return Array.from({ length: 12 / size }, (_, i) =>
      presetPeriod(kind, addMonths(first, i * size)),
    );
  });
}

export function isAllowedPeriod(period: { from: string; to: string }): boolean {
  const size = monthCount(period.from, period.to);
  const kind = ({ 1: 'month', 3: 'quarter', 6: 'semester', 12: 'year' } as const)[
    size as 1 | 3 | 6 | 12
  ];
  if (!kind) return false;
  const preset = presetPeriod(kind, period.from);
  return preset.from === period.from && preset.to === period.to;
}
