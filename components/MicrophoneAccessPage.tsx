import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { microphoneProblemOf, type MicrophoneProblem } from '@/lib/audio/microphone-access';
import type { Microphone } from '@/lib/audio/microphones';
import type { RecordingBrowser } from '@/lib/audio/recording-format';

export interface MicrophoneAccessPageProps {
  browserName: RecordingBrowser;
  /** getUserMedia for audio; the page stops the stream at once (it only wants the permission). */
  requestMicrophone(): Promise<MediaStream>;
  listMicrophones(): Promise<Microphone[]>;
  /** Chrome only: opens Chartside's page in the browser's site settings. */
  openSiteSettings?: () => void;
  /** The first request has been answered (tests wait for it). */
  onSettled?: () => void;
}

type State = { kind: 'asking' } | { kind: 'granted'; microphones: Microphone[] } | { kind: 'problem'; problem: MicrophoneProblem };

/**
 * The one page that asks for the microphone. A side panel cannot show the browser's prompt; this
 * page, opened in a tab, can, and what it is granted counts for every Chartside page, the panel
 * included. It asks once on opening; the microphone is released at once.
 */
export function MicrophoneAccessPage({ browserName, requestMicrophone, listMicrophones, openSiteSettings, onSettled }: MicrophoneAccessPageProps) {
  const state = useSignal<State>({ kind: 'asking' });

  async function ask(): Promise<void> {
    state.value = { kind: 'asking' };
    try {
      const stream = await requestMicrophone();
      for (const track of stream.getTracks()) track.stop();
      state.value = { kind: 'granted', microphones: await listMicrophones() };
    } catch (error) {
      state.value = { kind: 'problem', problem: microphoneProblemOf(error) };
    }
  }

  useEffect(() => {
    void ask().finally(() => onSettled?.());
  }, []);

  const current = state.value;
  return (
    <main class="stack" style={{ padding: '1.5rem', maxWidth: '42rem' }}>
      <h1>Allow Chartside to use your microphone</h1>
      <p>
        Chartside records the visit so the SOAP Note API can write the note. The browser asks once, on this page, because the Chartside panel
        cannot show its question. Recordings are saved on this computer, encrypted, and sent only to the SOAP Note API.
      </p>

      {current.kind === 'asking' && (
        <p role="status" class="status">
          Waiting for your answer: choose Allow in the browser’s question{browserName === 'firefox' ? ' (and tick Remember this decision)' : ''}.
        </p>
      )}

      {current.kind === 'granted' && (
        <div class="stack">
          <p role="status" class="status">
            Done: Chartside may use the microphone.
          </p>
          <p>
            <strong>Go back to the Chartside panel and press Start recording.</strong> You can close this tab.
          </p>
          {current.microphones.length > 0 && (
            <section aria-labelledby="microphones-heading">
              <h2 id="microphones-heading">Microphones found</h2>
              <ul>
                {current.microphones.map((m) => (
                  <li key={m.deviceId}>{m.label}</li>
                ))}
              </ul>
              <p class="hint">Choose which one to record with in the panel, under Microphone.</p>
            </section>
          )}
        </div>
      )}

      {current.kind === 'problem' && (
        <div role="alert" class="alert">
          <ProblemAdvice problem={current.problem} browserName={browserName} openSiteSettings={openSiteSettings} />
          <div class="actions">
            <button type="button" class="primary" onClick={() => void ask()}>
              Try again
            </button>
          </div>
        </div>
      )}
    </main>
  );
}

function ProblemAdvice({ problem, browserName, openSiteSettings }: { problem: MicrophoneProblem; browserName: RecordingBrowser; openSiteSettings?: (() => void) | undefined }) {
  switch (problem) {
    case 'denied':
      return browserName === 'firefox' ? (
        <>
          <p>Firefox is not letting Chartside use the microphone.</p>
          <p>
            Click the crossed-out microphone icon at the left of the address bar and remove the “Blocked” next to “Use the microphone”. Or open Firefox
            Settings → Privacy &amp; Security → Permissions → Microphone → Settings…, remove Chartside from the list, and save. Then press Try again
            and choose Allow, ticking Remember this decision.
          </p>
        </>
      ) : (
        <>
          <p>Chrome is not letting Chartside use the microphone.</p>
          <p>
            Open Chartside’s site settings (the button below, or the icon at the left of the address bar → Site settings), set Microphone to Allow,
            come back to this tab and press Try again.
          </p>
          {openSiteSettings && (
            <div class="actions">
              <button type="button" onClick={openSiteSettings}>
                Open Chartside’s site settings
              </button>
            </div>
          )}
          <p class="hint">If your organisation manages this browser, it may block microphones for extensions: ask your IT team.</p>
        </>
      );
    case 'no-device':
      return (
        <>
          <p>No microphone was found.</p>
          <p>Plug in a microphone or headset, then press Try again.</p>
        </>
      );
    case 'busy':
      return (
        <>
          <p>The microphone is there but could not be started. Another program may be using it.</p>
          <p>Close other programs that use the microphone (video calls, dictation software), then press Try again.</p>
        </>
      );
    case 'failed':
      return (
        <>
          <p>The microphone could not be started.</p>
          <p>Press Try again. If it keeps failing, restart the browser; you can also upload an audio file of the visit in the panel instead.</p>
        </>
      );
  }
}
