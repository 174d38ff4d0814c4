import { SECTION_LABELS, type SoapSection } from '../note/sections';
import type { AudioProgress, PanelStatus, Retrying } from './panel-store';

/** The words in the panel's `status` line: what is happening now, in the clinician's terms. */
export function statusText(state: {
  status: PanelStatus;
  writingSection: SoapSection | undefined;
  retrying: Retrying | undefined;
  hasNote: boolean;
  /** For a note made from a recording. */
  audio?: AudioProgress | undefined;
  /** The note is asked for with POST /v1/note: nothing streams, it arrives whole. */
  whole?: boolean;
}): string {
  const { status, writingSection, retrying, hasNote, audio, whole } = state;
  switch (status) {
    case 'idle':
      return '';
    case 'starting':
      if (retrying) return retryText(retrying);
      if (whole) return WHOLE_NOTE;
      return 'Sending the transcript to the SOAP Note API and waiting for the note to start…';
    case 'uploading':
      if (retrying) return retryText(retrying);
      return audio?.bytes !== undefined
        ? `Uploading the recording (${describeBytes(audio.bytes)}) to the SOAP Note API…`
        : 'Checking the recording before it is uploaded…';
    case 'processing': {
      if (audio?.limited) return limitedText(audio.limited.nextCheckInMs);
      const polls = audio?.polls ?? 0;
      const progress =
        polls === 0
          ? 'The SOAP Note API accepted the recording and is transcribing it.'
          : `The SOAP Note API is still transcribing the recording (checked ${polls} time${polls === 1 ? '' : 's'}` +
            `${audio?.elapsedMs !== undefined ? `, ${describeElapsed(audio.elapsedMs)} so far` : ''}).`;
      return `${progress} The note will appear here; you can close the panel meanwhile.`;
    }
    case 'streaming':
      if (whole) return WHOLE_NOTE;
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

const WHOLE_NOTE =
  'Writing the note with the extras you asked for. This API sends them only with the whole note, so it arrives all at once rather than section by section…';

/** A long recording's status checks hit the key's request limit: nothing is lost, checks are spaced out. */
function limitedText(nextCheckInMs: number): string {
  const minutes = Math.max(1, Math.round(nextCheckInMs / 60_000));
  return (
    'The SOAP Note API refused Chartside’s check on the recording: the API key has used up its requests ' +
    '(a test key allows 10 a day) or its balance. The recording is kept and the note is still waited for; ' +
    `Chartside checks less often now, next in about ${minutes} minute${minutes === 1 ? '' : 's'}. ` +
    'The note will appear here; you can close the panel meanwhile.'
  );
}

function retryText(retrying: Retrying): string {
  const seconds = Math.max(1, Math.round(retrying.delayMs / 1000));
  return `${retrying.error.message} Trying again in ${seconds} s (attempt ${retrying.attempt + 1} of ${retrying.maxAttempts})…`;
}

function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

function describeElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
