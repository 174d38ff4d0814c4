import { z } from 'zod/mini';
import { ON_DEMAND_ADAPTER_IDS } from '../ehr/adapters/recognisers';
import { injectAdapter } from '../platform/content-script-registration';

/** A frame's chart reader saying its EHR's adapter is not loaded there yet (AdapterNeeded). */
const AdapterNeededSchema = z.object({ adapterNeeded: z.enum(ON_DEMAND_ADAPTER_IDS) });

/**
 * When a frame answered that it needs its EHR's adapter, puts that adapter's script into exactly
 * that frame. True when it did: ask the frame again. False for any other answer (a chart, an
 * identity, nothing), or when the frame could not take the script (it navigated away, closed).
 * Loading on demand keeps the adapters out of the script every frame of an enabled site carries.
 */
export async function loadAdapterIfNeeded(tabId: number, frameId: number, answer: unknown): Promise<boolean> {
  const parsed = AdapterNeededSchema.safeParse(answer);
  if (!parsed.success) return false;
  try {
    await injectAdapter(tabId, frameId, parsed.data.adapterNeeded);
    return true;
  } catch {
    return false;
  }
}
