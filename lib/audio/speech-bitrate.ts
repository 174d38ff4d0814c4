/**
 * The recorder asks for 32 kbps Opus, one channel.
 *
 * Why: Opus at 24–32 kbps mono is transparent for speech (its SILK/hybrid modes were designed for
 * voice, and speech recognition is no better fed more), and a visit is one room of talking, so a
 * second channel only doubles the bytes. At 32 kbps an hour is about 14 MB, a 4-hour visit about
 * 58 MB: far inside the API's 500 MB, quick to encrypt chunk by chunk into IndexedDB, and quick to
 * upload on a clinic's network. Lower (16 kbps) starts to blur consonants on poor microphones;
 * higher buys nothing the note can use. Browsers treat the figure as a target, not a promise.
 */
export const SPEECH_AUDIO_BITS_PER_SECOND = 32_000;
export const SPEECH_CHANNELS = 1;
