import { describe, expect, it } from 'vitest';
import { checkNamedTemplate, nameOfTemplate, MAX_TEMPLATES_PER_SPECIALTY, NamedTemplatesSchema, templatesFor, usedTemplate, withoutTemplate, withTemplate } from './named-templates';

const pt = (id: string, name: string, lastUsedAt: number) => ({ id, name, specialty: 'physical_therapy', lastUsedAt });

describe('named templates', () => {
  it('lists a specialty’s templates, last used first, and no other specialty’s', () => {
    const list = [pt('std', 'Standard', 1), pt('knee_eval', 'Knee evaluation', 3), { id: 'x', name: 'Derm', specialty: 'dermatology', lastUsedAt: 9 }, pt('daily', 'Daily note', 2)];
    expect(templatesFor(list, 'physical_therapy').map((t) => t.name)).toEqual(['Knee evaluation', 'Daily note', 'Standard']);
  });

  it('adding puts the template first; adding an id again renames it rather than listing it twice', () => {
    let list = withTemplate([], { id: 'knee_eval', name: 'Knee', specialty: 'physical_therapy' }, 1);
    list = withTemplate(list, { id: 'daily', name: 'Daily note', specialty: 'physical_therapy' }, 2);
    list = withTemplate(list, { id: 'knee_eval', name: 'Knee evaluation', specialty: 'physical_therapy' }, 3);
    expect(templatesFor(list, 'physical_therapy').map((t) => [t.id, t.name])).toEqual([
      ['knee_eval', 'Knee evaluation'],
      ['daily', 'Daily note'],
    ]);
    // The same id in another specialty is another entry.
    list = withTemplate(list, { id: 'knee_eval', name: 'Knee (ortho)', specialty: 'orthopedics' }, 4);
    expect(list).toHaveLength(3);
  });

  it('using one moves it to the top; removing one takes it out of its specialty only', () => {
    let list = [pt('a', 'A', 1), pt('b', 'B', 2)];
    list = usedTemplate(list, 'physical_therapy', 'a', 5);
    expect(templatesFor(list, 'physical_therapy')[0]?.id).toBe('a');
    expect(usedTemplate(list, 'physical_therapy', 'unknown', 6)).toEqual(list);
    expect(withoutTemplate(list, 'physical_therapy', 'a').map((t) => t.id)).toEqual(['b']);
  });

  it('keeps at most the limit per specialty, dropping the least recently used', () => {
    let list = Array.from({ length: MAX_TEMPLATES_PER_SPECIALTY }, (_, i) => pt(`t${i}`, `T${i}`, i));
    list = withTemplate(list, { id: 'new', name: 'New', specialty: 'physical_therapy' }, 100);
    expect(list).toHaveLength(MAX_TEMPLATES_PER_SPECIALTY);
    expect(list.some((t) => t.id === 't0')).toBe(false);
    expect(templatesFor(list, 'physical_therapy')[0]?.id).toBe('new');
  });

  it('checks what the clinician typed, in plain words', () => {
    expect(checkNamedTemplate({ id: ' knee_eval ', name: '  Knee   evaluation ', specialty: 'physical_therapy' })).toEqual({
      ok: true,
      template: { id: 'knee_eval', name: 'Knee evaluation', specialty: 'physical_therapy' },
    });
    expect(checkNamedTemplate({ id: '', name: 'Knee', specialty: 'physical_therapy' })).toMatchObject({ ok: false, message: expect.stringContaining('template’s ID') });
    expect(checkNamedTemplate({ id: 'knee eval', name: 'Knee', specialty: 'physical_therapy' })).toMatchObject({ ok: false, message: expect.stringContaining('no spaces') });
    expect(checkNamedTemplate({ id: 'knee', name: ' ', specialty: 'physical_therapy' })).toMatchObject({ ok: false, message: expect.stringContaining('name') });
  });

  it('refuses stored entries it cannot trust', () => {
    expect(NamedTemplatesSchema.safeParse([{ id: '', name: 'x', specialty: 'y', lastUsedAt: 1 }]).success).toBe(false);
  });
});

describe('nameOfTemplate', () => {
  it('is the clinician’s name for the id in that specialty only', () => {
    const templates = [
      { id: 'missing-brief', name: 'Brief follow-up', specialty: 'physician', lastUsedAt: 1 },
      { id: 'missing-brief', name: 'Short review', specialty: 'nurse_practitioner', lastUsedAt: 2 },
    ];
    expect(nameOfTemplate(templates, 'physician', 'missing-brief')).toBe('Brief follow-up');
    expect(nameOfTemplate(templates, 'nurse_practitioner', 'missing-brief')).toBe('Short review');
    expect(nameOfTemplate(templates, 'dentist', 'missing-brief')).toBeUndefined();
    expect(nameOfTemplate(templates, 'physician', 'standard')).toBeUndefined();
  });
});
