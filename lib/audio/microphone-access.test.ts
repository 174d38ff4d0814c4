import { describe, expect, it, vi } from 'vitest';
import { microphoneAdvice, microphoneProblemOf, watchMicrophoneAccess } from './microphone-access';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('microphoneProblemOf', () => {
  it('tells a refusal from a missing, busy or broken microphone', () => {
    expect(microphoneProblemOf(domError('NotAllowedError'))).toBe('denied');
    expect(microphoneProblemOf(domError('SecurityError'))).toBe('denied');
    expect(microphoneProblemOf(domError('NotFoundError'))).toBe('no-device');
    expect(microphoneProblemOf(domError('OverconstrainedError'))).toBe('no-device');
    expect(microphoneProblemOf(domError('NotReadableError'))).toBe('busy');
    expect(microphoneProblemOf(domError('AbortError'))).toBe('busy');
    expect(microphoneProblemOf(new TypeError('x'))).toBe('failed');
    expect(microphoneProblemOf('weird')).toBe('failed');
    expect(microphoneProblemOf(undefined)).toBe('failed');
  });

  it('says what to do next in each case; a refusal points to the microphone page', () => {
    expect(microphoneAdvice('denied').nextStep).toContain('Allow microphone access');
    for (const problem of ['denied', 'no-device', 'busy', 'failed'] as const) {
      const advice = microphoneAdvice(problem);
      expect(advice.message).toMatch(/\.$/);
      expect(advice.nextStep).toMatch(/press|Press/);
    }
  });
});

describe('watchMicrophoneAccess', () => {
  it('reports the state and each change, until stopped', async () => {
    const status = Object.assign(new EventTarget(), { state: 'prompt' as PermissionState });
    const query = vi.fn(async () => status as unknown as PermissionStatus);
    const changes: string[] = [];
    const watch = await watchMicrophoneAccess((s) => changes.push(s), { query });
    expect(query).toHaveBeenCalledWith({ name: 'microphone' });
    expect(watch.state).toBe('prompt');
    status.state = 'granted';
    status.dispatchEvent(new Event('change'));
    watch.stop();
    status.state = 'denied';
    status.dispatchEvent(new Event('change'));
    expect(changes).toEqual(['granted']);
  });

  it('is "unknown" where the browser cannot be asked about microphones', async () => {
    expect((await watchMicrophoneAccess(() => undefined, undefined)).state).toBe('unknown');
    const query = async () => {
      throw new TypeError("'microphone' is not a valid enum value");
    };
    expect((await watchMicrophoneAccess(() => undefined, { query })).state).toBe('unknown');
  });
});
