import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';

/**
 * `storage.session`: the only storage PHI may live in (besides encrypted pending recordings).
 * It is held in memory, cleared when the browser closes, and not readable by content scripts
 * (the background pins that access level at start-up).
 */
export async function readSession<T>(key: string, schema: z.ZodMiniType<T>): Promise<T | undefined> {
  const value = (await browser.storage.session.get(key))[key];
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSession(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

export async function removeSession(keys: string | string[]): Promise<void> {
  await browser.storage.session.remove(keys);
}

export async function sessionKeys(prefix: string): Promise<string[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all).filter((key) => key.startsWith(prefix));
}
