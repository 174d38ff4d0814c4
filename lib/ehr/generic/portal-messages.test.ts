import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { readMessages, roleOfSender } from './portal-messages';
import { providerFrom, readVisitNotes } from './visit-notes';

const TODAY = new Date(2026, 4, 2);

describe('roleOfSender', () => {
  it.each([
    ['Patient', 'patient'],
    ['Ana Ruiz', 'patient'],
    ['Ruiz, Ana', 'patient'],
    ['Dr. Aaron Pike', 'provider'],
    ['Priya Raman, NP', 'provider'],
    ['Care Team', 'provider'],
    ['Lakeview Clinic Nurse', 'provider'],
    ['You', 'provider'],
    ['Marco Ruiz (son)', undefined],
  ])('%s → %s', (sender, role) => {
    expect(roleOfSender(sender, 'Ana Ruiz')).toBe(role);
  });
});

describe('readMessages', () => {
  it('reads role from classes when the sender does not say, and timestamps from <time> or text', () => {
    const { document } = htmlDocument(`<div id="t">
      <div class="bubble incoming"><span class="when">05/01/2026 7:45 PM</span><p>My cough is worse.</p></div>
      <div class="bubble outgoing"><time datetime="2026-05-02T08:00:00Z">this morning</time><p>Please come in today.</p></div>
      <div class="bubble"><div class="author">Marco Ruiz</div><p>I can drive her.</p></div>
      <div class="bubble"><p>Untimed, unsigned text</p></div></div>`);
    expect(readMessages([document.getElementById('t')!], 'Ana Ruiz', TODAY).map(({ role, content, timestamp }) => ({ role, content, timestamp }))).toEqual([
      { role: 'patient', content: 'My cough is worse.', timestamp: '2026-05-01T19:45' },
      { role: 'provider', content: 'Please come in today.', timestamp: '2026-05-02T08:00:00Z' },
      { role: 'marco ruiz', content: 'I can drive her.', timestamp: undefined },
    ]);
  });
});

describe('visit notes', () => {
  it.each([
    ['03/02/2026 · Dr. Aaron Pike', 'Dr. Aaron Pike'],
    ['Signed by: Lena Hoffmann on 03/02/2026', 'Lena Hoffmann'],
    ['Nov 18, 2025 — Priya Raman, NP', 'Priya Raman, NP'],
    ['Provider: Jonah Reyes, PA-C', 'Jonah Reyes, PA-C'],
    ['Follow-up visit', undefined],
  ])('provider of %s → %s', (line, provider) => {
    expect(providerFrom(line)).toBe(provider);
  });

  it('reads a table of encounters and a list of notes; entries without date, provider or title are not notes', () => {
    const { document } = htmlDocument(`
      <table id="t"><thead><tr><th>Date</th><th>Provider</th><th>Summary</th></tr></thead>
        <tbody><tr><td>2026-01-05</td><td>Dr. Lena Hoffmann</td><td>Knee pain, x-ray ordered.</td></tr></tbody></table>
      <ul id="l"><li><strong>Telehealth</strong> 14 Mar 2025<br>Medication review, no changes.</li><li>Loose text</li></ul>`);
    const notes = readVisitNotes([document.getElementById('t')!, document.getElementById('l')!], TODAY);
    expect(notes.map(({ date, provider, title, text }) => ({ date, provider, title, text }))).toEqual([
      { date: '2026-01-05', provider: 'Dr. Lena Hoffmann', title: undefined, text: 'Knee pain, x-ray ordered.' },
      { date: '2025-03-14', provider: undefined, title: undefined, text: 'Medication review, no changes.' },
    ]);
  });
});
