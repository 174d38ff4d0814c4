import { z } from 'zod/mini';
import { readSession, removeSession, writeSession } from './session-area';

/**
 * Hands a patient summary to the print page. The summary is PHI: it goes through `storage.session`
 * under a random id, and only the id is in the page's address. The print page takes it once.
 */
const PrintableSchema = z.object({ title: z.string(), text: z.string() });
export type Printable = z.infer<typeof PrintableSchema>;

const ID = /^[0-9a-f-]{36}$/;
const keyOf = (id: string) => `print:${id}`;

export async function storePrintable(printable: Printable, newId: () => string = () => crypto.randomUUID()): Promise<string> {
  const id = newId();
  await writeSession(keyOf(id), printable);
  return id;
}

/** Reads the printable and removes it, so the summary does not outlive the page it was printed from. */
export async function takePrintable(id: string | null): Promise<Printable | undefined> {
  if (!id || !ID.test(id)) return undefined;
  const printable = await readSession(keyOf(id), PrintableSchema);
  await removeSession(keyOf(id));
  return printable;
}
