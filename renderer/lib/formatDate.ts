// Dates as the tables show them: "22 Feb 2025", read from the ISO text without time-zone arithmetic.

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-02-22" or "2025-02-22T08:00:00Z" -> "22 Feb 2025"; other text as it is; null -> "". */
export function formatDay(iso: string | null): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!match) return iso;
  const month = SHORT_MONTHS[Number(match[2]) - 1];
  if (!month) return iso;
  return match[3] ? `${Number(match[3])} ${month} ${match[1]}` : `${month} ${match[1]}`;
}
