import { describe, expect, it } from 'vitest';
import { escapeHtml, formatNoteHtml, formatNotePlainText, formatSectionHtml, formatSectionPlainText } from './clipboard';
import { emptySections, type NoteSections } from './sections';

const NOTE: NoteSections = {
  subjective: 'Cough for 3 days.\nNo fever.',
  objective: '',
  assessment: '  URI.  \n',
  plan: 'Rest.\n\nReturn if worse.',
};

describe('formatNotePlainText', () => {
  it('puts headings above the sections and skips empty ones', () => {
    expect(formatNotePlainText(NOTE)).toBe(
      'Subjective:\nCough for 3 days.\nNo fever.\n\nAssessment:\nURI.\n\nPlan:\nRest.\n\nReturn if worse.',
    );
  });

  it('is empty for an empty note, and whitespace-only sections count as empty', () => {
    expect(formatNotePlainText(emptySections())).toBe('');
    expect(formatNotePlainText({ ...emptySections(), plan: ' \n ' })).toBe('');
  });

  it('takes a choice of sections, no headings and CRLF', () => {
    expect(formatNotePlainText(NOTE, { sections: ['plan', 'subjective'], headings: false, newline: '\r\n' })).toBe(
      'Cough for 3 days.\r\nNo fever.\r\n\r\nRest.\r\n\r\nReturn if worse.',
    );
  });
});

describe('formatSectionPlainText', () => {
  it('formats one section', () => {
    expect(formatSectionPlainText('plan', 'Rest.\n')).toBe('Plan:\nRest.');
    expect(formatSectionPlainText('plan', 'Rest.', { heading: false })).toBe('Rest.');
    expect(formatSectionPlainText('plan', '  ')).toBe('');
  });
});

describe('formatNoteHtml', () => {
  it('writes headings and paragraphs with line breaks, skipping empty sections', () => {
    expect(formatNoteHtml(NOTE)).toBe(
      '<h2>Subjective</h2><p>Cough for 3 days.<br>No fever.</p>' +
        '<h2>Assessment</h2><p>URI.</p>' +
        '<h2>Plan</h2><p>Rest.</p><p>Return if worse.</p>',
    );
    expect(formatNoteHtml(emptySections())).toBe('');
  });

  it('escapes every character of note text that could be markup', () => {
    const evil = '<img src=x onerror=alert(1)> & "quoted" \'single\' </p><script>alert(2)</script>';
    const html = formatNoteHtml({ ...emptySections(), subjective: evil });
    expect(html).toBe(
      '<h2>Subjective</h2><p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39; ' +
        '&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p>',
    );
    expect(html).not.toMatch(/<img|<script|<\/p><script/);
    // Already-escaped text stays text, not the character it names.
    expect(formatSectionHtml('plan', 'a &lt; b &amp; c')).toBe('<h2>Plan</h2><p>a &amp;lt; b &amp;amp; c</p>');
  });

  it('formats one section as HTML', () => {
    expect(formatSectionHtml('plan', 'Rest.\r\nFluids.')).toBe('<h2>Plan</h2><p>Rest.<br>Fluids.</p>');
    expect(formatSectionHtml('plan', 'Rest.', { heading: false })).toBe('<p>Rest.</p>');
    expect(formatSectionHtml('plan', '')).toBe('');
  });

  it('escapeHtml', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
