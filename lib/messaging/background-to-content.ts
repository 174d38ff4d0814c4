/**
 * What the background may ask a content script. Content scripts answer these and nothing else;
 * they never ask the background for anything. Kept free of zod: the content script must stay small,
 * and the background validates every answer with ChartContextSchema / PatientIdentitySchema (and
 * AdapterNeededSchema, lib/background/on-demand-adapters.ts).
 */
export type ContentRequest = { type: 'chart:read' } | { type: 'chart:identity' };

/**
 * The chart reader's answer when the frame is an EHR whose adapter is not loaded in it yet: the
 * adapter's id (never a file: the background maps known ids to its own files).
 */
export type AdapterNeeded = { adapterNeeded: string };

export function isContentRequest(message: unknown): message is ContentRequest {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'chart:read' || type === 'chart:identity';
}
