/** POST /v1/visit-summary: validation and a deterministic summary built from the visits and focus. */
import { EMULATOR_MARK, splitSentences, type Invalid, type Validated } from './notes.ts';

export interface Visit {
  visit_date: string;
  provider?: string;
  soap_note?: { subjective?: string; objective?: string; assessment?: string; plan?: string };
  summary?: string;
}

export interface VisitSummaryRequest {
  patient_info?: { name?: string; age?: number | string };
  focus?: string;
  visits: Visit[];
}

export interface VisitSummary {
  summary: string;
  key_findings: string[];
  active_diagnoses: Array<{ code: string; description: string }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (field: string, issue: string, message: string): { ok: false; error: Invalid } => ({
  ok: false,
  error: { message, details: { field, issue } },
});

export function validateVisitSummaryRequest(body: unknown): Validated<VisitSummaryRequest> {
  if (!isObject(body)) return fail('body', 'not_an_object', 'The request body must be a JSON object.');
  const { visits, focus, patient_info } = body;
  if (!Array.isArray(visits)) return fail('visits', 'required', 'visits is required and must be an array.');
  if (visits.length < 1) return fail('visits', 'too_few', 'visits must contain at least 1 visit.');
  for (const [i, visit] of visits.entries()) {
    if (!isObject(visit)) return fail(`visits[${i}]`, 'not_an_object', `visits[${i}] must be an object.`);
    if (typeof visit.visit_date !== 'string' || visit.visit_date === '') {
      return fail(`visits[${i}].visit_date`, 'required', `visits[${i}].visit_date is required (ISO 8601 date).`);
    }
    // The documented form is a date ("2026-02-15"), so a strict server may refuse a timestamp: this one does.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(visit.visit_date)) {
      return fail(`visits[${i}].visit_date`, 'invalid_date', `visits[${i}].visit_date must be an ISO 8601 date (YYYY-MM-DD).`);
    }
    const hasNote = isObject(visit.soap_note);
    const hasSummary = typeof visit.summary === 'string' && visit.summary.length > 0;
    if (!hasNote && !hasSummary) {
      return fail(`visits[${i}]`, 'soap_note_or_summary', `visits[${i}] must include soap_note or summary.`);
    }
  }
  if (focus !== undefined && typeof focus !== 'string') return fail('focus', 'not_a_string', 'focus must be a string.');
  if (patient_info !== undefined && !isObject(patient_info)) {
    return fail('patient_info', 'not_an_object', 'patient_info must be an object.');
  }
  const age = isObject(patient_info) ? patient_info.age : undefined;
  if (age !== undefined && !(typeof age === 'number' && Number.isInteger(age) && age > 0)) {
    return fail('patient_info.age', 'not_a_positive_integer', 'patient_info.age must be a positive integer.');
  }
  return { ok: true, value: body as unknown as VisitSummaryRequest };
}

function visitText(v: Visit): string {
  const n = v.soap_note ?? {};
  return [n.assessment, n.plan, n.subjective, n.objective, v.summary].filter((s) => typeof s === 'string' && s).join(' ');
}

const ICD10 = /\b([A-TV-Z]\d{2}(?:\.\d{1,4})?)\b\s*:?\s*([^.;,\n]*)/g;

export function buildVisitSummary(req: VisitSummaryRequest): VisitSummary {
  const visits = [...req.visits].sort((a, b) => a.visit_date.localeCompare(b.visit_date));
  const age = req.patient_info?.age;
  const who = age !== undefined && age !== '' ? `${age}-year-old patient` : 'Patient';
  const first = visits[0]?.visit_date.slice(0, 10);
  const last = visits[visits.length - 1]?.visit_date.slice(0, 10);
  const span = first === last ? `on ${first}` : `from ${first} to ${last}`;
  const focus = req.focus ? `, focused on ${req.focus}` : '';

  const key_findings = visits.map((v) => {
    const lead = splitSentences(visitText(v))[0] ?? 'No details recorded.';
    return `${v.visit_date.slice(0, 10)}${v.provider ? ` (${v.provider})` : ''}: ${lead}`;
  });

  const active_diagnoses: VisitSummary['active_diagnoses'] = [];
  for (const v of visits) {
    for (const m of visitText(v).matchAll(ICD10)) {
      const code = m[1] ?? '';
      if (!active_diagnoses.some((d) => d.code === code)) {
        active_diagnoses.push({ code, description: (m[2] ?? '').trim() || 'Diagnosis recorded in a prior visit' });
      }
    }
  }

  const latest = key_findings[key_findings.length - 1] ?? '';
  return {
    summary: `${EMULATOR_MARK}${who} seen ${visits.length} time${visits.length === 1 ? '' : 's'} ${span}${focus}. Most recent: ${latest}`,
    key_findings,
    active_diagnoses,
  };
}
