import type { TextRange } from '../safety/text-range';

/**
 * Who said what in a transcript written with speaker labels ("Doctor: Any chest pain? Patient: No."),
 * and what a question asked by one speaker was answered by the next. The evidence engine needs it
 * because in a visit the words of a finding are often said by the one who asks, not by the one who
 * has it: "Any chest pain?" names chest pain, and only the answer says whether there is any.
 *
 * - A turn runs from its label to the next label.
 * - A turn's questions are its closing sentences that end with "?" (a turn can ask several: "Any
 *   fever? Chills?"); a question earlier in the turn, followed by something else, went unanswered.
 * - A question is polar (yes/no) unless it opens with a question word ("How long has the cough…",
 *   "When did the pain start?"): an open question takes what it names as given. "What about…" and
 *   "How about…" are polar. A question about how a finding is ("Is the pain better?", "Did the
 *   ibuprofen help?") takes the finding as given too. A tag question ("…, okay?", "Sound good?")
 *   is a statement.
 * - The answer is the opening of the next turn, by another speaker: `no` ("No", "Nope", "Not
 *   really", "Never", "I don't"), `yes` ("Yes", "Yeah", "A little", "Sometimes", "I do", and how
 *   often: "Twice a day", "Every night"), or
 *   `confirm` ("Right", "Correct", "Exactly": the question's own polarity stands).
 * Unlabelled text has no turns, so none of this applies to it.
 */

export interface Turn {
  speaker: string;
  /** Where the label starts. */
  labelStart: number;
  /** Where the words after the label start. */
  start: number;
  /** Where the next label starts (or the text ends). */
  end: number;
}

export type Answer = 'no' | 'yes' | 'confirm';

export interface Question {
  /** The question sentence, "?" included. */
  range: TextRange;
  /** A yes/no question about whether something is so (not an open one, nor one about how it is). */
  polar: boolean;
  /** How the next speaker answered; absent when the answer opens with none of the cues. */
  answer?: Answer;
  /** The words of the answer that say it ("No", "a little"). */
  cue?: TextRange;
  /** The answer's first sentence, for an excerpt. */
  answerSentence?: TextRange;
  /** The whole answering turn. */
  answerTurn?: TextRange;
}

/** A speaker label: a short capitalised name and a colon, opening a line or following a sentence. */
const SPEAKER = /(?:^|\n|[.?!]["')]?[ \t]+)[ \t]*((?:Dr\.?[ \t]+)?[A-Z][A-Za-z]*(?:[ \t][A-Z]?[A-Za-z]+)?)[ \t]*:[ \t]/g;
/** Words that take a colon in a sentence without naming a speaker. */
const NOT_SPEAKERS = /^(?:note|plan|assessment|allergies|medications|meds|labs|vitals|bp|hr|rr|temp|impression|history|diagnosis|re|subject)$/i;

/** The turns of a labelled transcript, in order; none when it has no labels. */
export function speakerTurns(text: string): Turn[] {
  const labels: { labelStart: number; start: number; speaker: string }[] = [];
  SPEAKER.lastIndex = 0;
  for (let m = SPEAKER.exec(text); m; m = SPEAKER.exec(text)) {
    const name = m[1]!;
    const start = m.index + m[0].length;
    if (!NOT_SPEAKERS.test(name)) labels.push({ labelStart: m.index + m[0].lastIndexOf(name), start, speaker: name });
    SPEAKER.lastIndex = start;
  }
  return labels.map((l, i) => ({ ...l, end: labels[i + 1]?.labelStart ?? text.length }));
}

/** Fillers an answer or a question may open with. */
const FILLERS = String.raw`(?:(?:well|um+|uh+|oh|hmm+|ah|so|and|okay|ok|alright|now|honestly|actually|doctor|doc)[ \t]*[,.]?[ \t]+)*`;
const NO = new RegExp(
  String.raw`^[ \t]*${FILLERS}(no\b|nope\b|nah\b|never\b|not really\b|not at all\b|not that i(?:'ve| have)? (?:know|noticed?)\b|none\b|negative\b|denie[sd]\b|i don'?t\b|i do not\b|i haven'?t\b|i have not\b|i didn'?t\b|i did not\b|i'?m not\b|i am not\b|i wouldn'?t say so\b|not\b)`,
  'i',
);
const YES = new RegExp(
  String.raw`^[ \t]*${FILLERS}(yes\b|yeah\b|yep\b|yup\b|uh[- ]huh\b|mm[- ]hmm\b|mhm\b|a little\b|a bit\b|a lot\b|some\b|sometimes\b|occasionally\b|once in a while\b|every now and then\b|all the time\b|definitely\b|absolutely\b|i do\b|i have\b|i did\b|i am\b|i'?ve (?:had|been|noticed|got)\b|kind of\b|sort of\b|kinda\b|sure\b|it does\b|they do\b|it is\b|it has\b|i think so\b|i guess\b|twice\b|once\b|every\b|most days\b|daily\b|nightly\b)`,
  'i',
);
const CONFIRM = new RegExp(String.raw`^[ \t]*${FILLERS}(right\b|correct\b|exactly\b|that'?s right\b|that is right\b|that'?s correct\b|true\b)`, 'i');

/** An open question: one that opens with a question word ("How long…", "When did…"), but not "What about…". */
const OPEN = new RegExp(String.raw`^[ \t]*${FILLERS}(?!(?:what|how)[ \t]+about\b)(?:how|what|when|where|which|why|who|whose|tell me|describe)\b`, 'i');
/** A question about how a finding is, which takes it as given ("Is the pain better?", "Did that help?"). */
const ABOUT_HOW = /\b(?:better(?![ \t]+off\b)|worse|improv\w*|gone|go away|went away|going away|resolv\w*|chang\w*|the same|help(?:s|ed|ing)?|work(?:s|ed|ing)?|bad|severe|often|long|much|many)\b/i;
/** A tag question, which asks for agreement with a statement: "…, okay?", "Sound good?". */
const TAG = /(?:^|[,\s])(?:okay|ok|right|alright|all right|yes|yeah|correct|sound good|sounds good|does that sound (?:good|okay|ok|alright)|does that make sense|make sense|is that okay|is that ok|is that alright|got it|you know|fair|deal)[ \t]*\?$/i;

/** The questions closing each turn, with the next speaker's answer. */
export function questionsOf(text: string, turns: readonly Turn[]): Question[] {
  const questions: Question[] = [];
  turns.forEach((turn, t) => {
    let end = turn.end;
    while (end > turn.start && /\s/.test(text[end - 1]!)) end--;
    if (text[end - 1] !== '?') return;
    // The closing run of questions: back to the last sentence that ends otherwise.
    const sentences: TextRange[] = [];
    let sentenceEnd = end;
    for (let i = end - 2; i >= turn.start - 1; i--) {
      const c = i >= turn.start ? text[i]! : '';
      const boundary = i < turn.start || c === '\n' || ((c === '?' || c === '.' || c === '!') && /\s/.test(text[i + 1] ?? ''));
      if (!boundary) continue;
      let start = i + 1;
      while (start < sentenceEnd && /\s/.test(text[start]!)) start++;
      if (start < sentenceEnd) sentences.unshift({ start, end: sentenceEnd });
      if (c !== '?') break;
      sentenceEnd = i + 1;
    }
    const next = turns[t + 1];
    let answer: Answer | undefined;
    let cue: TextRange | undefined;
    let answerSentence: TextRange | undefined;
    if (next && next.speaker.toLowerCase() !== turn.speaker.toLowerCase()) {
      const opening = text.slice(next.start, Math.min(next.end, next.start + 80));
      for (const [kind, re] of [['no', NO], ['confirm', CONFIRM], ['yes', YES]] as const) {
        const m = re.exec(opening);
        if (!m) continue;
        answer = kind;
        const at = next.start + m[0].length - m[1]!.length;
        cue = { start: at, end: at + m[1]!.length };
        break;
      }
      const stop = /[.?!](?=\s|$)|\n/.exec(text.slice(next.start, next.end));
      answerSentence = { start: next.start, end: stop ? next.start + stop.index + (stop[0] === '\n' ? 0 : 1) : next.end };
    }
    for (const range of sentences) {
      const words = text.slice(range.start, range.end);
      if (TAG.test(words)) continue;
      const polar = !OPEN.test(words) && !ABOUT_HOW.test(words);
      questions.push({
        range,
        polar,
        ...(answer ? { answer, cue } : {}),
        ...(answerSentence ? { answerSentence, answerTurn: { start: next!.start, end: next!.end } } : {}),
      });
    }
  });
  return questions;
}
