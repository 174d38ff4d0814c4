import { z } from 'zod/mini';

/**
 * Background → every extension page, around Clear all data: `clearing` before anything is deleted
 * (pages stop saving what they hold, so nothing is written back afterwards), `cleared` once it is
 * all gone (pages start afresh).
 */
export const DataClearMessageSchema = z.object({ type: z.enum(['data:clearing', 'data:cleared']) });
export type DataClearMessage = z.infer<typeof DataClearMessageSchema>;
