import { describe, expect, it } from 'vitest';
import { NoteSchema } from './schemas';
import { transcriptText } from './transcript-text';

describe('transcriptText', () => {
  it('takes a string as it is', () => {
    expect(transcriptText('Provider: How is the back?\nPatient: Better.')).toBe('Provider: How is the back?\nPatient: Better.');
  });

  it('writes diarized, timestamped segments one a line, keeping speaker and start time', () => {
    const segments = [
      { speaker: 'provider', start: 0, end: 3.2, text: 'How is the back today?' },
      { speaker: 'SPEAKER_1', start: 62.5, text: 'Better since the physio.' },
      { role: 'patient', timestamp: '00:01:10', content: 'It still hurts in the morning.' },
      { start: 3725, text: 'No speaker here.' },
      { speaker: 'provider', start: 4 }, // no words: left out
    ];
    expect(transcriptText(segments)).toBe(
      [
        '[00:00] Provider: How is the back today?',
        '[01:02] SPEAKER_1: Better since the physio.',
        '[00:01:10] Patient: It still hurts in the morning.',
        '[1:02:05] No speaker here.',
      ].join('\n'),
    );
    expect(transcriptText({ segments })).toBe(transcriptText(segments));
    expect(transcriptText({ text: 'Plain.' })).toBe('Plain.');
  });

  it('reads anything else as no transcript', () => {
    for (const value of [undefined, null, 42, [], [{}], { words: 1 }]) expect(transcriptText(value)).toBeUndefined();
  });

  it('a note whose transcript is segments parses, with the text', () => {
    const note = NoteSchema.parse({ noteId: 'n', subjective: 'S', transcript: [{ speaker: 'patient', start: 1, text: 'My back hurts.' }] });
    expect(note.transcript).toBe('[00:01] Patient: My back hurts.');
    expect(NoteSchema.parse({ noteId: 'n', transcript: 7 }).transcript).toBeUndefined();
  });
});
