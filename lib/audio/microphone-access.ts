/**
 * Whether Chartside may use the microphone, and what to tell the clinician when it may not.
 *
 * A side panel (Chrome) or sidebar (Firefox) cannot show the browser's microphone prompt: access is
 * granted once from an extension page opened in a tab (entrypoints/microphone), after which every
 * Chartside page, the panel included, may record. The panel learns the state from the Permissions
 * API where the browser answers for microphones, and otherwise from getUserMedia's error.
 */

export type MicrophoneAccess = 'granted' | 'prompt' | 'denied' | 'unknown';

export interface MicrophoneAccessWatch {
  state: MicrophoneAccess;
  /** Stops listening for changes. */
  stop(): void;
}

type PermissionsLike = Pick<Permissions, 'query'>;

/** The current state, and `onChange` on every later change (the clinician granting it in the tab, or revoking it). */
export async function watchMicrophoneAccess(
  onChange: (state: MicrophoneAccess) => void,
  permissions: PermissionsLike | undefined = globalThis.navigator?.permissions,
): Promise<MicrophoneAccessWatch> {
  if (!permissions) return { state: 'unknown', stop: () => undefined };
  try {
    const status = await permissions.query({ name: 'microphone' as PermissionName });
    const listener = () => onChange(accessOf(status.state));
    status.addEventListener('change', listener);
    return { state: accessOf(status.state), stop: () => status.removeEventListener('change', listener) };
  } catch {
    // Older engines reject the name "microphone": the first getUserMedia will tell.
    return { state: 'unknown', stop: () => undefined };
  }
}

function accessOf(state: string): MicrophoneAccess {
  return state === 'granted' || state === 'prompt' || state === 'denied' ? state : 'unknown';
}

/**
 * - `denied`: the browser or the clinician refused (or, in a panel, could not ask).
 * - `no-device`: no microphone is connected.
 * - `busy`: the microphone exists but could not be opened (another program holds it, a driver fault).
 * - `failed`: anything else.
 */
export type MicrophoneProblem = 'denied' | 'no-device' | 'busy' | 'failed';

export function microphoneProblemOf(error: unknown): MicrophoneProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError': // old Chrome
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export interface MicrophoneAdvice {
  message: string;
  nextStep: string;
}

/** Plain words for each problem; `denied` tells the panel to offer the microphone page. */
export function microphoneAdvice(problem: MicrophoneProblem): MicrophoneAdvice {
  switch (problem) {
    case 'denied':
      return {
        message: 'Chartside is not allowed to use the microphone.',
        nextStep: 'Press Allow microphone access: a Chartside tab opens where you allow it once. Then come back here and press Start recording.',
      };
    case 'no-device':
      return {
        message: 'No microphone was found.',
        nextStep: 'Plug in a microphone or headset (or choose another one below), then press Start recording again.',
      };
    case 'busy':
      return {
        message: 'The microphone could not be started. Another program may be using it.',
        nextStep: 'Close other programs that use the microphone (video calls, dictation), or choose another microphone, then press Start recording again.',
      };
    case 'failed':
      return {
        message: 'The microphone could not be started.',
        nextStep: 'Press Start recording again. If it keeps failing, upload an audio file instead, or type the visit below.',
      };
  }
}
