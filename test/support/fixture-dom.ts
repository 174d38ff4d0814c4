/**
 * Loads a fixture EHR page into a happy-dom document for adapter unit tests (no browser needed).
 * Real-browser behaviour (layout, computed visibility) is covered by the end-to-end suites.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';

const FIXTURES = path.resolve(__dirname, '../fixtures/ehr');

export function fixtureDocument(file: string, url = `http://127.0.0.1:8080/${file}`): { document: Document; url: URL; window: Window } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  window.document.write(readFileSync(path.join(FIXTURES, file), 'utf8'));
  return { document: window.document as unknown as Document, url: new URL(url), window };
}

export function htmlDocument(html: string, url = 'http://127.0.0.1:8080/page.html'): { document: Document; url: URL } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  window.document.write(html);
  return { document: window.document as unknown as Document, url: new URL(url) };
}
