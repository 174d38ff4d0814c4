import { DataClearMessageSchema } from '../messaging/data-clear';

interface RuntimeLike {
  id?: string;
  onMessage: { addListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => void): void };
}

/**
 * Clear all data, as an open panel takes part in it: told `clearing`, it stops saving what it holds
 * (else its draft would be written back a moment later); told `cleared`, it starts afresh. Only our
 * background is listened to (a content script has a tab; another extension another id).
 */
export function listenForDataClear(runtime: RuntimeLike, handlers: { clearing(): void; cleared(): void }): void {
  runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return;
    const parsed = DataClearMessageSchema.safeParse(message);
    if (!parsed.success) return;
    if (parsed.data.type === 'data:clearing') handlers.clearing();
    else handlers.cleared();
  });
}
