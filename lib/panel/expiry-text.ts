/**
 * How long a note in the history has left on the API's server (`expires_at`), in words for the
 * panel. The server deletes a note at that time; after it, GET /v1/note/:noteId answers 404.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Expiry =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'live'; msLeft: number };

/** `gone`: the API already answered 404, whatever the time says. */
export function expiryOf(expiresAt: string | undefined, now: number, gone = false): Expiry {
  if (gone) return { kind: 'expired' };
  const at = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (Number.isNaN(at)) return { kind: 'unknown' };
  const msLeft = at - now;
  return msLeft <= 0 ? { kind: 'expired' } : { kind: 'live', msLeft };
}

/** "expires in 23 h", "expires in 5 min", "expired", or "expiry not given" when the API sent none. */
export function expiryText(expiresAt: string | undefined, now: number, gone = false): string {
  const expiry = expiryOf(expiresAt, now, gone);
  if (expiry.kind === 'expired') return 'expired';
  if (expiry.kind === 'unknown') return 'expiry not given by the API';
  const left = expiry.msLeft;
  // Rounded down: "23 h" while 23 h 59 min remain; never promise more time than there is.
  if (left < MINUTE) return 'expires in under a minute';
  if (left < HOUR) return `expires in ${Math.floor(left / MINUTE)} min`;
  if (left < 2 * DAY) return `expires in ${Math.floor(left / HOUR)} h`;
  return `expires in ${Math.floor(left / DAY)} days`;
}

/** The clock time a note was made, as the panel names it: "10:42" (24-hour, local time). */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
