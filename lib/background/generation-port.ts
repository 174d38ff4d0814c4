import type { Browser } from 'wxt/browser';
import type { PatientIdentity } from '../ehr/chart-context';
import { isExtensionPageSender } from '../messaging/sender';
import { GENERATION_PORT, GenerationCommandSchema } from '../messaging/ui-to-background';
import { rememberJobMeta } from '../storage/note-history';
import { allowedNoteExtras, readManagedPolicy } from '../storage/managed-policy';
import type { AudioJobService } from './audio-job-service';
import type { GenerationService } from './generation-service';

/** The services behind the generation port: notes from a transcript, and notes from a recording. */
export interface GenerationServices {
  text: GenerationService;
  audio: AudioJobService;
}

/**
 * Accepts generation ports from the extension's own pages only, and hands their (validated)
 * commands to the service that owns the job. `ready` holds commands until start-up housekeeping is
 * done, so a job from before a worker restart is marked interrupted (or resumed) before anyone asks
 * about it.
 */
export function acceptGenerationPort(port: Browser.runtime.Port, services: GenerationServices, ready: Promise<unknown>): void {
  if (port.name !== GENERATION_PORT) return;
  if (!isExtensionPageSender(port.sender)) {
    port.disconnect();
    return;
  }
  const { text, audio } = services;
  const sink = {
    post: (update: unknown) => port.postMessage(update),
  };
  port.onMessage.addListener(async (message: unknown) => {
    const parsed = GenerationCommandSchema.safeParse(message);
    if (!parsed.success) return;
    await ready;
    const command = parsed.data;
    switch (command.type) {
      case 'generate': {
        // What the organisation's policy forbids (billing codes, the patient summary) is never asked for.
        const request = allowedNoteExtras(command.request, (await readManagedPolicy()).policy);
        await remember(command.jobId, request.specialty, command.patient);
        text.start(command.jobId, command.bindingKey, request, sink, {
          ...(command.whole && { whole: true }),
          ...(command.regenerate && { regenerate: command.regenerate }),
          ...(command.consent && !command.regenerate && { consent: command.consent }),
        });
        break;
      }
      case 'generate-audio': {
        const options = allowedNoteExtras(command.options, (await readManagedPolicy()).policy);
        await remember(command.jobId, options.specialty, command.patient);
        audio.start(command.jobId, command.bindingKey, command.recordingId, options, sink);
        break;
      }
      case 'stop':
        if (audio.has(command.jobId)) audio.stop(command.jobId);
        else text.stop(command.jobId);
        break;
      case 'subscribe':
        // A job neither runs is looked up in storage.session, which both save to.
        await (audio.has(command.jobId) ? audio.subscribe(command.jobId, sink) : text.subscribe(command.jobId, sink));
        break;
    }
  });
  port.onDisconnect.addListener(() => {
    text.detach(sink);
    audio.detach(sink);
  });
}

/** Who and what a job is for, so its note can enter the session's note history when it completes. */
async function remember(jobId: string, specialty: string, patient: PatientIdentity | undefined): Promise<void> {
  // Losing a history entry must never stop a note being written.
  await rememberJobMeta(jobId, { specialty, ...(patient && { patient }) }).catch(() => undefined);
}
