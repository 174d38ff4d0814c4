/**
 * The manifest, kept apart from the build config so that a test can check exactly which
 * permissions each build asks for (a permission must never creep in unnoticed).
 */
export const API_ORIGIN = 'https://api.soapnoteapi.com';

/** Loopback origins a test build may reach: the API emulator and the fixture EHR pages. */
export const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Firefox needs a stable add-on id for storage and for `data_collection_permissions`. */
export const GECKO_ID = 'chartside@chartside.app';

/**
 * Chrome's description of the settings an organisation may set by policy (public/managed_schema.json,
 * lib/storage/managed-policy.ts, docs/deploying.md). Firefox takes the same values from policies.json
 * without a schema, so its manifest names none.
 */
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

/**
 * Keyboard shortcuts, changeable in the browser's shortcut settings (the panel's help lists them as
 * set). `_execute_action` is the toolbar click: it opens the panel. Chrome takes at most four
 * suggested keys, and only with Alt+Shift or Ctrl+Shift.
 */
export const PANEL_SHORTCUTS = {
  _execute_action: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Open Chartside beside the page' },
  'toggle-recording': { suggested_key: { default: 'Alt+Shift+D' }, description: 'Start or stop recording' },
  'generate-note': { suggested_key: { default: 'Alt+Shift+G' }, description: 'Generate the note' },
  'insert-all': { suggested_key: { default: 'Alt+Shift+I' }, description: 'Insert the note into the EHR (Insert all)' },
} as const;

export function buildManifest({ browser, e2e }: { browser: string; e2e: boolean }) {
  const firefox = browser === 'firefox';
  return {
    name: e2e ? 'Chartside (test build)' : 'Chartside',
    description: 'Turn a visit into a finished SOAP note inside the web-based EHR you chart in.',
    // scripting: the chart reader is registered only for sites the clinician enabled.
    // activeTab: the toolbar click lets Chartside see which site the tab shows, so it can offer to enable it.
    // contextMenus: "Add to Chartside transcript / patient history" on selected text, on enabled sites only.
    // alarms: a long recording's status checks resume after the browser stopped the background.
    // notifications: "Your note is ready" when a long recording's note is done and no panel is open (no PHI in the text).
    // tabCapture (Chrome only; Firefox has no such API): a video visit's tab sound, recorded with the
    // microphone when the clinician ticks "Include call audio", only for a tab they invoked Chartside on.
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'contextMenus', 'notifications', ...(firefox ? [] : ['sidePanel', 'tabCapture'])],
    host_permissions: [`${API_ORIGIN}/*`, ...(e2e ? E2E_HOSTS : [])],
    // tabs (Chrome only, optional): the titles and sites of the tabs in the Call tab list, asked for
    // when the clinician presses "Show tab names", never at install.
    ...(firefox ? {} : { optional_permissions: ['tabs'] }),
    // Asked for one origin at a time: an organisation's API proxy when its URL is saved, an EHR's
    // site when the clinician presses "Enable on this site". http only for this computer.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'Open Chartside' },
    commands: PANEL_SHORTCUTS,
    ...(firefox
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140 is the first release (and ESR) that reads data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: {
                // Transcripts, recordings, chart context and notes are health data and identify the
                // patient (name, age, gender, a voice); checked patient-portal messages are sent as
                // chat messages; all of it is text read from the EHR's pages. It goes only to the SOAP
                // Note API the clinician configured. PRIVACY.md and store/chrome-web-store-privacy.md
                // say the same; change them together.
                required: ['healthInfo', 'personallyIdentifyingInfo', 'personalCommunications', 'websiteContent'],
              },
            },
          },
        }
      : {}),
    ...(firefox ? {} : { storage: { managed_schema: MANAGED_SCHEMA_FILE } }),
  };
}
