import type { RecorderStore } from '@/lib/panel/recorder-store';

/**
 * What the recorder has to say (progress, a silent microphone, the 4-hour limit, a refusal), shown
 * just above the recording buttons so the words appear where the press was.
 */
export function RecorderMessages({ store }: { store: RecorderStore }) {
  const problem = store.problem.value;
  const progress = store.progress.value;
  return (
    <>
      {progress && (
        <p role="status" class="status">
          {progress}
        </p>
      )}
      <p aria-live="polite" class="hint live-notice">
        {store.notice.value}
      </p>
      {store.silent.value && (
        <div role="alert" class="warning">
          <p>No sound has reached the microphone for 10 seconds.</p>
          <p>Check that the microphone is switched on, not muted, and the one chosen in Record the visit. Recording continues.</p>
        </div>
      )}
      {store.nearLimit.value && (
        <div role="alert" class="warning">
          <p>The recording stops at 4 hours, the most the SOAP Note API takes: less than 10 minutes are left.</p>
          <p>It will be kept. To record more, press Start recording again after it stops.</p>
        </div>
      )}
      {store.callProblem.value && (
        <div role="alert" class="warning">
          <p>{store.callProblem.value.message}</p>
          <p>{store.callProblem.value.nextStep}</p>
          {(store.phase.value === 'recording' || store.phase.value === 'paused') && !store.callLive.value && (
            <div class="actions">
              <button type="button" onClick={() => void store.retakeCall()}>
                Take call audio again
              </button>
            </div>
          )}
        </div>
      )}
      {problem && (
        <div role="alert" class="alert">
          <p>{problem.message}</p>
          <p>{problem.nextStep}</p>
          {store.microphoneLost.value && (store.phase.value === 'recording' || store.phase.value === 'paused') && (
            <div class="actions">
              <button type="button" onClick={() => void store.retakeMicrophone()}>
                Take microphone again
              </button>
            </div>
          )}
          {problem.allowMicrophone && (
            <div class="actions">
              <button type="button" onClick={store.openMicrophonePage}>
                Allow microphone access
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
