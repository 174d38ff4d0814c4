/**
 * What the SOAP Note API accepts as audio (api/CONTRACT.md, "Audio upload"), in one place: the
 * recorder stops at the length limit, and a recording or file outside these is refused before it
 * is sent, with a plain reason, instead of failing at the server.
 */

/** Shorter than this, the API refuses the audio: too little for a note. */
export const MIN_AUDIO_MS = 5_000;
/** Longer than this, the API refuses the audio. The recorder stops and keeps the recording here. */
export const MAX_AUDIO_MS = 4 * 60 * 60 * 1000;
/** Ten minutes before the limit the clinician is warned, with time to wrap up or start a new recording. */
export const WARN_AUDIO_MS = MAX_AUDIO_MS - 10 * 60 * 1000;
/** The API's upload limit. */
export const MAX_AUDIO_BYTES = 500 * 1024 * 1024;
