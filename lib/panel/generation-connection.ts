import { browser, type Browser } from 'wxt/browser';
import { GenerationUpdateSchema, type GenerationUpdate } from '../messaging/background-to-ui';
import { GENERATION_PORT, type GenerationCommand } from '../messaging/ui-to-background';

/**
 * The panel's line to the background's generation jobs.
 *
 * The port dies whenever the background does (Chrome stops idle workers; a crash; an update).
 * Posting on a dead port reconnects first, which also wakes the worker; `onReconnect` lets the
 * panel subscribe again to the job it was watching.
 */
export class GenerationConnection {
  private port: Browser.runtime.Port | undefined;

  constructor(
    private readonly onUpdate: (update: GenerationUpdate) => void,
    private readonly onDisconnect: () => void,
  ) {}

  send(command: GenerationCommand): void {
    this.connect().postMessage(command);
  }

  close(): void {
    this.port?.disconnect();
    this.port = undefined;
  }

  private connect(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: GENERATION_PORT });
    port.onMessage.addListener((message: unknown) => {
      const parsed = GenerationUpdateSchema.safeParse(message);
      // Anything not shaped as we expect is dropped: it did not come from our background.
      if (parsed.success) this.onUpdate(parsed.data);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
      this.onDisconnect();
    });
    this.port = port;
    return port;
  }
}
