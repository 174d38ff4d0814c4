import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { CONSENT_NAME_MAX, CONSENT_PLACEMENT_LABELS, CONSENT_PLACEMENTS, DEFAULT_CONSENT_PLACEMENT, cleanConsentName, type ConsentPlacement } from '@/lib/note/consent';
import { browser } from 'wxt/browser';
import { SET_BY_ORGANISATION } from '@/lib/storage/managed-policy';
import { loadSettings, saveSettings } from '@/lib/storage/settings';

/**
 * The options page's consent to record (lib/note/consent.ts): whether Start recording asks for it,
 * where its line goes in the note, and the name it is confirmed by. Each is saved as it changes:
 * a choice about recording patients should not wait for the key's Save.
 */
export function ConsentSettings({ onOutcome }: { onOutcome(tone: 'ok' | 'error', text: string): void }) {
  const required = useSignal(true);
  /** Also before a note from a typed transcript of a recorded conversation (off by default). */
  const typed = useSignal(false);
  const placement = useSignal<ConsentPlacement>(DEFAULT_CONSENT_PLACEMENT);
  const name = useSignal('');
  /** The saved choices are shown: a change before that would be written over. */
  const loaded = useSignal(false);
  /** The organisation's policy decides whether consent is asked for (requireRecordingConsent). */
  const managed = useSignal(false);

  useEffect(() => {
    const read = () =>
      loadSettings().then((s) => {
        required.value = s.consentRequired;
        typed.value = s.consentTypedTranscripts;
        placement.value = s.consentPlacement;
        name.value = s.consentName;
        managed.value = s.managed?.includes('requireRecordingConsent') ?? false;
        loaded.value = true;
      });
    void read();
    // A change of policy shows at once, as on the rest of the page.
    const onChanged = (_: unknown, area: string) => {
      if (area === 'managed') void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const chooseRequired = async (on: boolean) => {
    required.value = (await saveSettings({ consentRequired: on })).consentRequired;
    onOutcome(
      'ok',
      required.value
        ? 'Start recording will ask you to confirm the patient agreed to be recorded, and the note will say so.'
        : 'Start recording will no longer ask for the patient’s consent, and notes will carry no consent line.',
    );
  };
  const chooseTyped = async (on: boolean) => {
    typed.value = (await saveSettings({ consentTypedTranscripts: on })).consentTypedTranscripts;
    onOutcome(
      'ok',
      typed.value
        ? 'Generate note will ask you to confirm the patient agreed to be recorded before a note from a typed transcript, and the note will say so.'
        : 'Notes from a typed transcript will no longer ask for the patient’s consent, and will carry no consent line.',
    );
  };
  const choosePlacement = async (value: string) => {
    const chosen = CONSENT_PLACEMENTS.find((p) => p === value);
    if (!chosen) return;
    placement.value = (await saveSettings({ consentPlacement: chosen })).consentPlacement;
    onOutcome('ok', `The consent line will go at the ${CONSENT_PLACEMENT_LABELS[placement.value].toLowerCase()}.`);
  };
  const saveName = async (value: string) => {
    const clean = cleanConsentName(value) ?? '';
    name.value = (await saveSettings({ consentName: clean })).consentName;
    onOutcome('ok', clean ? `The consent line will say it was confirmed by ${clean}.` : 'The consent line will say it was confirmed by the clinician.');
  };

  const off = !loaded.value || !required.value;
  return (
    <section class="stack" aria-labelledby="consent-heading">
      <h2 id="consent-heading">Recording consent</h2>
      <div>
        <label class="row">
          <input
            type="checkbox"
            checked={required.value}
            disabled={!loaded.value || managed.value}
            aria-describedby={managed.value ? 'consent-required-managed consent-required-hint' : 'consent-required-hint'}
            onChange={(e) => void chooseRequired(e.currentTarget.checked)}
          />
          Ask for the patient's consent before recording
        </label>
        {managed.value && (
          <p id="consent-required-managed" class="hint managed">
            {SET_BY_ORGANISATION}
          </p>
        )}
        <p id="consent-required-hint" class="hint">
          Start recording then records only after you tick Patient agreed to be recorded, and the note made from the recording says
          who confirmed it and when. Uploaded audio files carry no consent line, nor do typed transcripts unless you turn that on below.
        </p>
      </div>
      <div>
        <label class="row">
          <input
            type="checkbox"
            checked={typed.value}
            disabled={off}
            aria-describedby="consent-typed-hint"
            onChange={(e) => void chooseTyped(e.currentTarget.checked)}
          />
          Also for typed transcripts of a recorded conversation
        </label>
        <p id="consent-typed-hint" class="hint">
          For a visit recorded some other way and typed or pasted into Transcript: Generate note then makes the note only after you tick
          Patient agreed to be recorded, and the note says who confirmed it and when. Dictation and your own notes need not be asked for.
          {managed.value && ' Your organisation decides whether consent is asked for; this choice stays yours.'}
        </p>
      </div>
      <div>
        <label for="consent-placement">Consent line goes in</label>
        <select id="consent-placement" value={placement.value} disabled={off} onChange={(e) => void choosePlacement(e.currentTarget.value)}>
          {CONSENT_PLACEMENTS.map((p) => (
            <option key={p} value={p}>
              {CONSENT_PLACEMENT_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="consent-name">Your name for the consent line</label>
        <input
          id="consent-name"
          type="text"
          autocomplete="name"
          maxLength={CONSENT_NAME_MAX}
          value={name.value}
          disabled={off}
          aria-describedby="consent-name-hint"
          onInput={(e) => (name.value = e.currentTarget.value)}
          onChange={(e) => void saveName(e.currentTarget.value)}
        />
        <p id="consent-name-hint" class="hint">
          Optional. The line reads “Patient consented to audio recording of this visit; confirmed by {cleanConsentName(name.value) ?? 'the clinician'} at
          14:32 on 7 Dec 2026.”, with the time and date you ticked the box.
        </p>
      </div>
    </section>
  );
}
