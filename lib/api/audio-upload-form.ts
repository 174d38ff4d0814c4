import type { NoteOptions } from './note-request';

/**
 * What a recording's upload asks for beyond the note options: its transcript, always. The safety
 * checks and the evidence engine compare the note with the visit's words, and for a recording the
 * API's transcript is the only copy of them. It costs nothing extra (the vendor's client sends it).
 */
export type AudioUploadOptions = NoteOptions & { include_transcript: true };

export function audioUploadOptions(options: NoteOptions): AudioUploadOptions {
  return { ...options, include_transcript: true };
}

/**
 * The multipart body of `PUT|POST /v1/note/audio`. Text parts come before the file so a streaming
 * parser knows the options first.
 *
 * PUT is the vendor's recommended flow and its own client's: `audio` plus one `metadata` JSON part
 * holding every option (context included). POST, used only where PUT is not there, is documented with
 * plain `specialty` and `template` fields and no `metadata`; it gets the plain fields (the flags too,
 * for a server that reads them that way) and `metadata` as well, for one that reads that. Context
 * cannot travel as a plain field: a POST route that ignores `metadata` loses it, which is why PUT
 * goes first.
 */
export function audioUploadForm(method: 'PUT' | 'POST', options: AudioUploadOptions, audio: Blob, filename: string): FormData {
  const form = new FormData();
  if (method === 'POST') {
    form.append('specialty', options.specialty);
    if (options.template !== undefined) form.append('template', options.template);
    for (const flag of ['include_billing_codes', 'include_patient_summary', 'include_icd11', 'include_transcript'] as const) {
      if (options[flag] === true) form.append(flag, 'true');
    }
  }
  form.append('metadata', JSON.stringify(options));
  form.append('audio', audio, filename);
  return form;
}
