/**
 * What the background may ask a content script. Content scripts answer these and nothing else;
 * they never ask the background for anything. Kept free of zod: the content script must stay small,
 * and the background validates every answer with ChartContextSchema / PatientIdentitySchema.
 */
export type ContentRequest = { type: 'chart:read' } | { type: 'chart:identity' };

export function isContentRequest(message: unknown): message is ContentRequest {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'chart:read' || type === 'chart:identity';
}
