import type { TestKeyNotice as Notice } from '@/lib/panel/test-key-notice';

/** Shown once, when a chart is read while a test key is saved: advice, never a block. */
export function TestKeyNotice({ notice, onOpenSettings }: { notice: Notice; onOpenSettings(): void }) {
  if (!notice.visible.value) return null;
  return (
    <section class="stack notice" aria-labelledby="test-key-heading">
      <h2 id="test-key-heading">You are using a test API key</h2>
      <p style={{ margin: 0 }}>
        The SOAP Note API’s test keys are for trying Chartside without patient data. For real patients, use a live key, which the vendor
        provides under a business associate agreement (BAA): create one in the SOAP Note API dashboard, then save it in Settings.
        Nothing is blocked meanwhile.
      </p>
      <div class="row">
        <button type="button" onClick={onOpenSettings}>
          Open settings
        </button>
        <button type="button" class="link" onClick={notice.dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
