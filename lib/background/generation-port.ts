import type { Browser } from 'wxt/browser';
import { isExtensionPageSender } from '../messaging/sender';
import { GENERATION_PORT, GenerationCommandSchema } from '../messaging/ui-to-background';
import type { GenerationService } from './generation-service';

/**
 * Accepts generation ports from the extension's own pages only, and hands their (validated)
 * commands to the service. `ready` holds commands until start-up housekeeping is done, so a job
 * from before a worker restart is marked interrupted before anyone asks about it.
 */
export function acceptGenerationPort(port: Browser.runtime.Port, service: GenerationService, ready: Promise<unknown>): void {
  if (port.name !== GENERATION_PORT) return;
  if (!isExtensionPageSender(port.sender)) {
    port.disconnect();
    return;
  }
  const sink = {
    post: (update: unknown) => port.postMessage(update),
  };
  port.onMessage.addListener(async (message: unknown) => {
    const parsed = GenerationCommandSchema.safeParse(message);
    if (!parsed.success) return;
    await ready;
    const command = parsed.data;
    switch (command.type) {
      case 'generate':
        service.start(command.jobId, command.bindingKey, command.request, sink);
        break;
      case 'stop':
        service.stop(command.jobId);
        break;
      case 'subscribe':
        await service.subscribe(command.jobId, sink);
        break;
    }
  });
  port.onDisconnect.addListener(() => service.detach(sink));
}
