/**
 * Dates and ages as charts show them. Pure functions, no globals but `Date`, no dependencies:
 * this ships in the content script.
 *
 * Slash dates are read month first (US charts) unless the first number cannot be a month
 * ("14/03/1971"); dotted dates are day first ("14.03.1971", as European charts write them).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_SUFFIX = '(?:st|nd|rd|th)?';

/** Each pattern finds a date anywhere in the text; the first valid one wins. */
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [year: string, month: string | number, day: string, twoDigitYear?: boolean] }[] = [
  // 1971-03-14, 1971/03/14, 1971-03-14T10:00:00Z
  { re: /(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/g, read: (m) => [m[1]!, m[2]!, m[3]!] },
  // 03/14/1971, 3/14/71, 14/03/1971 (day first only when the first number cannot be a month), 03-14-1971
  {
    re: /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])/g,
    read: (m) => {
      const a = Number(m[1]);
      const twoDigit = m[4]!.length === 2;
      return a > 12 ? [m[4]!, m[3]!, m[1]!, twoDigit] : [m[4]!, m[1]!, m[3]!, twoDigit];
    },
  },
  // 14.03.1971 (dotted: day first)
  { re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]*\d)/g, read: (m) => [m[3]!, m[2]!, m[1]!, m[3]!.length === 2] },
  // 14 Mar 1971, 14-Mar-1971, 14 March, 1971
  { re: new RegExp(`(?<!\\d)(\\d{1,2})${DAY_SUFFIX}[\\s-]+${MONTH_NAME}[\\s,-]+(\\d{4})(?!\\d)`, 'gi'), read: (m) => [m[3]!, monthNumber(m[2]!), m[1]!] },
  // Mar 14, 1971, March 14 1971, March 14th, 1971
  { re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})${DAY_SUFFIX},?\\s+(\\d{4})(?!\\d)`, 'gi'), read: (m) => [m[3]!, monthNumber(m[1]!), m[2]!] },
];

/** The month a name matched by MONTH_NAME means ("Sept" → 9): its first three letters say. */
function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** The date as `YYYY-MM-DD` in the local time zone (the clinician's "today"). */
export function localIso(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The first real calendar date written in `text`, as ISO `YYYY-MM-DD`. Two-digit years are read as
 * the most recent such year not after `today` (so "3/14/71" is 1971 and a date of birth is never in
 * the future). Impossible dates ("02/30/2020") are rejected.
 */
export function parseClinicalDate(text: string, today: Date = new Date()): string | undefined {
  return findDate(text, today)?.iso;
}

function findDate(text: string, today: Date): { iso: string; end: number; index: number } | undefined {
  if (!text || text.length > 2_000) text = (text ?? '').slice(0, 2_000);
  let best: { iso: string; end: number; index: number } | undefined;
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (best && m.index >= best.index) break;
      const [y, mo, d, twoDigit] = read(m);
      let year = Number(y);
      const month = Number(mo);
      const day = Number(d);
      if (twoDigit) {
        year += 2000;
        const candidate = `${year}-${pad(month)}-${pad(day)}`;
        if (candidate > localIso(today)) year -= 100;
      }
      if (!isRealDate(year, month, day)) continue;
      best = { iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, end: m.index + m[0].length, index: m.index };
      break;
    }
  }
  return best;
}

const TIME = /(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?(\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})(?![a-z]))?/i;

/**
 * A date with an optional time, as ISO 8601: `2024-05-02T14:30` (the page's local time, as shown)
 * or `2024-05-02T14:30:00Z` when the page gave a zone; just the date when no time is shown.
 */
export function parseClinicalDateTime(text: string, today: Date = new Date()): string | undefined {
  const found = findDate(text, today);
  if (!found) return undefined;
  const iso = /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/i.exec(text);
  if (iso && iso[1] === found.iso) {
    return `${found.iso}T${iso[2]}:${iso[3]}${iso[4] ? `:${iso[4]}` : ''}${iso[6] ? (iso[6].toUpperCase() === 'Z' ? 'Z' : iso[6]) : ''}`;
  }
  const rest = `${text.slice(0, found.index)} ${text.slice(found.end)}`;
  const t = TIME.exec(rest);
  if (!t) return found.iso;
  let hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = t[3] ? Number(t[3]) : undefined;
  const meridiem = t[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return found.iso;
    if (meridiem === 'pm' && hour !== 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
  }
  if (hour > 23 || minute > 59 || (second ?? 0) > 59) return found.iso;
  const zone = t[5]?.trim().toUpperCase();
  const zoneText = !zone ? '' : zone === 'Z' || zone === 'UTC' || zone === 'GMT' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return `${found.iso}T${pad(hour)}:${pad(minute)}${second !== undefined ? `:${pad(second)}` : ''}${zoneText}`;
}

/**
 * Whole years from `dobIso` to `today` (the date as seen in the clinician's time zone), counting
 * a birthday only once reached. Someone born on 29 February turns a year older on 1 March in
 * years without one. Returns NaN for an unreadable date.
 */
export function ageOnDate(dobIso: string, today: Date): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(dobIso);
  if (!m) return Number.NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return Number.NaN;
  const ty = today.getFullYear();
  const tm = today.getMonth() + 1;
  const td = today.getDate();
  let age = ty - year;
  if (tm < month || (tm === month && td < day)) age -= 1;
  return age;
}

const AGE_PATTERNS = [
  // 70 y, 70yo, 70 y.o., 70 yrs, 70 years, 70 years old, 70-year-old, (70y)
  /(?<![\d.,/])(\d{1,3})\s*-?\s*(?:y\.?\s?o\.?|y\/o|yrs?\.?|years?(?:[\s-]old)?|y)(?![a-z])/i,
  // Age: 70, Age 70, age - 70
  /\bage\s*[:=-]?\s*(\d{1,3})(?![\d.,/]|\s*(?:mg|kg|g|lb|lbs|cm|mm|%|mo|months?|wk|weeks?|d|days?)\b)/i,
];

/** An age in whole years from text like "70 y", "70 yo", "70-year-old", "Age: 70" or "(70y)"; not "70 mg". */
export function parseAgeText(text: string): number | undefined {
  if (!text) return undefined;
  const sample = text.slice(0, 500);
  for (const re of AGE_PATTERNS) {
    const m = re.exec(sample);
    if (!m) continue;
    const age = Number(m[1]);
    if (age >= 0 && age <= 130) return age;
  }
  return undefined;
}
