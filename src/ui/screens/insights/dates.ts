import { format, parseISO } from 'date-fns';

/**
 * A shop day ("2026-08-04") the way an owner reads it: "Aug 4", with the year only when it is not
 * this year's ("Dec 30, 2025"). `today` is the shop's day (the Insights screen's `today`). For the
 * screen only: CSV exports and file names keep the ISO day.
 */
export function shownDay(day: string, today: string): string {
  const date = parseISO(day);
  if (Number.isNaN(date.getTime())) return day;
  return format(date, day.slice(0, 4) === today.slice(0, 4) ? 'MMM d' : 'MMM d, yyyy');
}
