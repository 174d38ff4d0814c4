import type { ChartContext } from './chart-context';

/**
 * One chart from the readings of every frame of a tab (OpenEMR, for one, shows its chart pages in
 * tab iframes). The top frame comes first; identity and demographics are taken from the first
 * frame that has them; items keep page order per frame and get fresh ids.
 */
export function mergeFrameCharts(frames: readonly ChartContext[]): ChartContext | undefined {
  const [top] = frames;
  if (!top) return undefined;
  const merged: ChartContext = { ...top, identity: { ...top.identity }, demographics: { ...top.demographics }, items: [], visitNotes: [], messages: [] };
  const seen = new Set<string>();
  for (const frame of frames) {
    if (frame !== top) {
      if (!merged.identity.name && frame.identity.name) merged.identity = { ...frame.identity };
      for (const key of ['dob', 'mrn'] as const) merged.identity[key] ??= frame.identity[key];
      if (merged.demographics.age === undefined && frame.demographics.age !== undefined) {
        merged.demographics.age = frame.demographics.age;
        merged.demographics.ageSource = frame.demographics.ageSource;
      }
      if (!merged.demographics.gender && frame.demographics.gender) {
        merged.demographics.gender = frame.demographics.gender;
        merged.demographics.genderSource = frame.demographics.genderSource;
      }
      if (frame.adapter !== 'generic' && merged.adapter === 'generic') merged.adapter = frame.adapter;
    }
    for (const item of frame.items) {
      const key = `${item.kind}\u0000${item.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.items.push({ ...item, id: `${item.kind}:${merged.items.filter((i) => i.kind === item.kind).length}` });
    }
    for (const note of frame.visitNotes) merged.visitNotes.push({ ...note, id: `visit-note:${merged.visitNotes.length}` });
    for (const message of frame.messages) merged.messages.push({ ...message, id: `message:${merged.messages.length}` });
  }
  merged.noKnownAllergies = frames.some((f) => f.noKnownAllergies) && !merged.items.some((i) => i.kind === 'allergy');
  return merged;
}
