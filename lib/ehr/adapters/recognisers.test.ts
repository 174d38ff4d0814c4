import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../../../test/support/fixture-dom';
import { ADAPTER_FILES } from '../../platform/content-script-registration';
import { genericAdapter } from '../generic/generic-adapter';
import { genericReader } from '../generic/generic-reader';
import { pickAdapter } from '../registry';
import { ADAPTERS } from './index';
import { ON_DEMAND_ADAPTER_IDS, RECOGNISERS } from './recognisers';

const ROOT = path.resolve(__dirname, '../../..');

describe('recognisers in the chart reader, adapters on demand', () => {
  it('recognise each EHR exactly as its adapter does (same id, name and matches)', () => {
    const specific = ADAPTERS.filter((a) => a !== genericAdapter);
    expect(RECOGNISERS.map((r) => r.id).sort()).toEqual(specific.map((a) => a.id).sort());
    for (const recogniser of RECOGNISERS) {
      const adapter = specific.find((a) => a.id === recogniser.id)!;
      expect(recogniser.name).toBe(adapter.name);
      expect(recogniser.matches).toBe(adapter.matches);
    }
  });

  it('each on-demand adapter has a built script the background can load, from its own entrypoint', () => {
    expect(Object.keys(ADAPTER_FILES).sort()).toEqual([...ON_DEMAND_ADAPTER_IDS].sort());
    for (const [id, file] of Object.entries(ADAPTER_FILES)) {
      expect(existsSync(path.join(ROOT, 'entrypoints', file.replace(/\.js$/, '.ts'))), `${id}: ${file}`).toBe(true);
    }
  });

  it.each([
    ['openemr/main.html', 'http://127.0.0.1:8080/interface/main/tabs/main.php', 'openemr'],
    ['openemr/dashboard.html', 'http://127.0.0.1:8080/interface/patient_file/summary/demographics.php', 'openemr'],
    ['openemr/soap-form.html', undefined, 'openemr'],
    ['openmrs/patient-chart.html', 'http://127.0.0.1:8080/openmrs/spa/patient/abc/chart/Patient%20Summary', 'openmrs'],
    ['medplum-summary.snapshot.html', undefined, 'medplum'],
    ['sample-chart.html', undefined, 'generic'],
    ['generic-clinic.html', undefined, 'generic'],
  ])('%s: the reader in every frame picks the same EHR as the full adapter list', (file, url, expected) => {
    const { document, url: pageUrl } = fixtureDocument(file, url);
    const full = pickAdapter(ADAPTERS, document, pageUrl).id;
    expect(full).toBe(expected);
    expect(pickAdapter([...RECOGNISERS, genericReader], document, pageUrl).id).toBe(full);
  });
});
