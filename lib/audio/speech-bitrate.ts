/**
 * The recorder asks for 28 kbps Opus, one channel.
 *
 * Why: Opus at 24–32 kbps mono is transparent for speech (its SILK/hybrid modes were designed for
 * voice, and speech recognition is no better fed more), and a visit is one room of talking, so a
 * second channel only doubles the bytes. 28 rather than 32: Chromium overshoots its target a little
 * and the container adds more, so 32 kbps came to 33.3 kbps on the wire, under 8 times smaller than
 * 16 kHz WAV (the aim `npm run bench` checks); 28 keeps a margin and is still well inside the range.
 * At 28 kbps an hour is about 13 MB, a 4-hour visit about 50 MB: far inside the API's 500 MB, quick
 * to encrypt chunk by chunk into IndexedDB, and quick to upload on a clinic's network. Lower (16 kbps)
 * starts to blur consonants on poor microphones; higher buys nothing the note can use. Browsers
 * treat the figure as a target, not a promise.
 */
export const SPEECH_AUDIO_BITS_PER_SECOND = 28_000;
export const SPEECH_CHANNELS = 1;
