import { z } from 'zod/mini';
import { readSession, removeSession, writeSession } from './session-area';

/**
 * When the clinician last used Chartside, and word that patient data was cleared for want of it.
 * Kept as wall-clock times in `storage.session`, not as a running timer: a timer stops while the
 * computer sleeps or the browser stops the worker, the difference between two `Date.now()`s does not.
 * Neither item says anything about a patient. The background is their only writer.
 */
const LAST_ACTIVITY_KEY = 'idle:last-activity-at';
const NOTICE_KEY = 'idle:cleared-notice';

const EpochMsSchema = z.number().check(z.int(), z.gte(0));

export const IdleClearNoticeSchema = z.object({
  /** The timeout that ran out, so the panel can say how long it was. */
  minutes: z.number().check(z.int(), z.gte(1), z.lte(24 * 60)),
  clearedAt: EpochMsSchema,
});
export type IdleClearNotice = z.infer<typeof IdleClearNoticeSchema>;

/** The keys these items live under, which forgetting patient data leaves alone. */
export const ACTIVITY_KEYS: readonly string[] = [LAST_ACTIVITY_KEY, NOTICE_KEY];

export function loadLastActivity(): Promise<number | undefined> {
  return readSession(LAST_ACTIVITY_KEY, EpochMsSchema);
}

export async function saveLastActivity(at: number): Promise<void> {
  await writeSession(LAST_ACTIVITY_KEY, EpochMsSchema.parse(Math.floor(at)));
}

export function loadIdleClearNotice(): Promise<IdleClearNotice | undefined> {
  return readSession(NOTICE_KEY, IdleClearNoticeSchema);
}

export async function saveIdleClearNotice(notice: IdleClearNotice): Promise<void> {
  await writeSession(NOTICE_KEY, IdleClearNoticeSchema.parse(notice));
}

export async function removeIdleClearNotice(): Promise<void> {
  await removeSession(NOTICE_KEY);
}

/**
 * Has `minutes` of wall-clock time passed since `lastActivityAt`? A clock set back (now before the
 * last activity) counts as no time passed: the next activity or check starts the clock again.
 */
export function idleTimeRanOut(lastActivityAt: number, now: number, minutes: number): boolean {
  return now - lastActivityAt >= minutes * 60_000;
}
