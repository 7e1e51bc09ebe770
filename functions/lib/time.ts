/** Dates as people in La Réunion read them (UTC+4, no daylight saving time). */
import { format } from 'date-fns';

export const REUNION_OFFSET_MS = 4 * 3600_000;

/** Formats `date` in La Réunion's local time with a date-fns pattern. */
export function formatInTimeZone(date: Date, pattern: string): string {
  const shifted = new Date(date.getTime() + REUNION_OFFSET_MS + date.getTimezoneOffset() * 60_000);
  return format(shifted, pattern);
}
