import type { FieldTarget } from '../messaging/insert';
import { SOAP_SECTIONS } from '../note/sections';
import { FIELD_TARGETS } from '../storage/field-maps';

/**
 * `?map=plan` (one field) or `?map=all` (each section) in the panel's address: the options page's
 * Re-teach opens the panel this way, waiting for the clicks at once.
 */
export function mappingRequestOf(search: string): FieldTarget[] | undefined {
  const map = new URLSearchParams(search).get('map');
  if (map === 'all') return [...SOAP_SECTIONS];
  return (FIELD_TARGETS as readonly string[]).includes(map ?? '') ? [map as FieldTarget] : undefined;
}
