import type { ChartContext, PatientIdentity } from '@/lib/ehr/chart-context';
import { checkSamePatient, describePatient } from '@/lib/ehr/same-patient';
import { identityForNote } from '@/lib/panel/request-context';

/**
 * Who the open chart is about, in one line at the top of the panel: name, age, sex, MRN. When the
 * note in the panel was written for someone else (the tab moved to another chart), the line says so
 * where the clinician looks before every insert; the insert itself is refused by the background.
 */
export function PatientLine({ chart, notePatient }: { chart: ChartContext; notePatient?: PatientIdentity | undefined }) {
  const { identity, demographics } = chart;
  const facts = [
    demographics.age !== undefined && `${Math.floor(demographics.age)} y`,
    demographics.gender && capitalize(demographics.gender),
    identity.dob && `born ${displayDate(identity.dob)}`,
    identity.mrn && `MRN ${identity.mrn}`,
  ].filter(Boolean);
  const check = notePatient ? checkSamePatient(notePatient, identityForNote(chart)) : { ok: true as const };
  return (
    <div class="patient-line">
      <p class="identity">
        <strong>{identity.name ?? 'Patient not named on this page'}</strong>
        {facts.map((fact) => (
          // The gap separates them on screen; read aloud or copied they need words between them.
          <span key={fact} class="hint">
            <span class="visually-hidden"> · </span>
            {fact}
          </span>
        ))}
      </p>
      {!check.ok && (
        <p class="badge warning wrong-patient">Not this chart’s patient: the note is for {describePatient(check.expected)}.</p>
      )}
    </div>
  );
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** 1971-03-14 → "14 Mar 1971": unambiguous whichever way round the chart writes its dates. */
function displayDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 0) - 1];
  return month && d ? `${d} ${month} ${y}` : iso;
}
