import type { IdleClearNotice } from '../storage/activity';

/** A timeout as the options page offers it: "5 minutes" … "1 hour". */
export function describeIdleMinutes(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The panel's status line after the idle timeout cleared it: what happened, not an error. */
export function idleNoticeText(notice: IdleClearNotice): string {
  return `Patient data was cleared after ${describeIdleMinutes(notice.minutes)} without activity.`;
}
