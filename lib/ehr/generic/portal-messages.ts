/**
 * Patient-portal threads ("Messages", "Patient messages", "Portal"): who wrote each message
 * (patient or provider), its text and its time, for the request's `chat_messages`.
 */
import { parseClinicalDateTime } from '../dates';
import { runAtOnce, type Passes } from '../passes';
import { isIgnoredElement, visibleLines, visibleText } from '../visibility';
import { entryPasses } from './lists';
import { firstReadable, providerFrom } from './visit-notes';

export interface MessageReading {
  role: string;
  content: string;
  timestamp?: string;
  element: Element;
}

const SENDER_LABEL = /^(?:from|sender|sent by|author|written by)\s*:\s*(.+)$/i;
const SENDER_SELECTOR = '[class*=sender],[class*=from],[class*=author],[class*=Sender],[class*=From],[class*=Author]';
const PROVIDER_WORDS = /\b(?:dr\.?|md|rn|np|aprn|fnp|lpn|nurse|care team|clinic|office|staff|provider|physician|doctor|practice|front desk|scheduling|billing)(?![\p{L}])/iu;
const PATIENT_CLASS = /(?:^|[\s_-])(?:patient|incoming|inbound|from-patient)(?:$|[\s_-])/i;
const PROVIDER_CLASS = /(?:^|[\s_-])(?:provider|clinician|staff|doctor|physician|nurse|care-?team|practitioner|outgoing|outbound)(?:$|[\s_-])/i;

/** Role from who signed: the patient's own name or "Patient" → patient; a clinician or the practice → provider. */
export function roleOfSender(sender: string, patientName: string | undefined): 'patient' | 'provider' | undefined {
  const s = sender.trim();
  if (/^(?:the\s+)?patient\b/i.test(s)) return 'patient';
  if (patientName && sameName(s, patientName)) return 'patient';
  if (/^(?:you|me)\b/i.test(s) || PROVIDER_WORDS.test(s) || providerFrom(s)) return 'provider';
  return undefined;
}

/** "Maria Alvarez", "Alvarez, Maria" and "Maria A." name the same person. */
function sameName(sender: string, patientName: string): boolean {
  const tokens = (text: string) => text.toLowerCase().split(/[\s,.]+/).filter((t) => t.length > 1);
  const senderTokens = tokens(sender);
  const patientTokens = tokens(patientName);
  if (!senderTokens.length || !patientTokens.length) return false;
  const matched = patientTokens.filter((t) => senderTokens.includes(t)).length;
  return matched >= Math.min(2, patientTokens.length) || (matched >= 1 && senderTokens.length === 1);
}

function roleOfClasses(entry: Element): 'patient' | 'provider' | undefined {
  for (let el: Element | null = entry, i = 0; el && i < 2; el = el.firstElementChild, i++) {
    const cls = el.getAttribute('class') ?? '';
    if (PATIENT_CLASS.test(cls)) return 'patient';
    if (PROVIDER_CLASS.test(cls)) return 'provider';
  }
  return undefined;
}

export function readMessage(entry: Element, patientName: string | undefined, today: Date): MessageReading | undefined {
  const lines = visibleLines(entry, { skipControls: true, maxChars: 4_000 });
  if (!lines.length) return undefined;
  const header = new Set<number>();
  let sender: string | undefined;
  const senderEl = firstReadable(entry, SENDER_SELECTOR);
  if (senderEl) {
    const text = visibleText(senderEl, 200);
    sender = SENDER_LABEL.exec(text)?.[1] ?? text;
    const i = lines.findIndex((line) => line.includes(text));
    if (i >= 0 && i < 3) header.add(i);
  }
  let timestamp: string | undefined;
  const time = entry.querySelector('time');
  if (time && !isIgnoredElement(time)) {
    timestamp = parseClinicalDateTime(time.getAttribute('datetime') ?? '', today) ?? parseClinicalDateTime(visibleText(time, 100), today);
    const shown = visibleText(time, 100);
    const i = lines.findIndex((line) => line.includes(shown));
    if (shown && i >= 0 && i < 3) header.add(i);
  }
  lines.slice(0, 3).forEach((line, i) => {
    const labelled = SENDER_LABEL.exec(line);
    if (labelled && !sender) {
      sender = labelled[1]!;
      header.add(i);
    }
    if (!timestamp && line.length < 80) {
      const when = parseClinicalDateTime(line, today);
      if (when) {
        timestamp = when;
        header.add(i);
      }
    }
  });
  // Header bits share a line with the sender ("From: Maria Alvarez · Apr 28, 9:14 AM"): keep the name only.
  if (sender) sender = sender.split(/\s*[|·•]\s*|\s+(?=\d{1,2}[/:.-])/)[0]?.trim();
  const role = (sender ? roleOfSender(sender, patientName) : undefined) ?? roleOfClasses(entry) ?? sender?.toLowerCase();
  const content = lines.filter((_, i) => !header.has(i)).join(' ');
  if (!content || (!role && !timestamp)) return undefined;
  const reading: MessageReading = { role: role ?? 'unknown', content, element: entry };
  if (timestamp) reading.timestamp = timestamp;
  return reading;
}

export function readMessages(roots: readonly Element[], patientName: string | undefined, today: Date): MessageReading[] {
  return runAtOnce(messagePasses(roots, patientName, today));
}

/** `readMessages` as passes (lib/ehr/passes.ts) of one message each. */
export function messagePasses(roots: readonly Element[], patientName: string | undefined, today: Date): Passes<MessageReading[]> {
  return entryPasses(roots, (entry) => readMessage(entry, patientName, today), 200);
}
