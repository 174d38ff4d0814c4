import { SECTION_LABELS, type SoapSection } from '../note/sections';
import type { PanelStatus, Retrying } from './panel-store';

/** The words in the panel's `status` line: what is happening now, in the clinician's terms. */
export function statusText(state: {
  status: PanelStatus;
  writingSection: SoapSection | undefined;
  retrying: Retrying | undefined;
  hasNote: boolean;
}): string {
  const { status, writingSection, retrying, hasNote } = state;
  switch (status) {
    case 'idle':
      return '';
    case 'starting':
      if (retrying) {
        const seconds = Math.max(1, Math.round(retrying.delayMs / 1000));
        return `${retrying.error.message} Trying again in ${seconds} s (attempt ${retrying.attempt + 1} of ${retrying.maxAttempts})…`;
      }
      return 'Sending the transcript to the SOAP Note API and waiting for the note to start…';
    case 'streaming':
      return writingSection ? `Writing the note: ${SECTION_LABELS[writingSection]}…` : 'Writing the note…';
    case 'complete':
      return 'Note ready. Review and edit it before you use it.';
    case 'cancelled':
      return hasNote ? 'Stopped. What was written so far is kept below.' : 'Stopped before any of the note arrived.';
    case 'incomplete':
    case 'error':
      return hasNote ? 'The note below is incomplete.' : '';
  }
}
