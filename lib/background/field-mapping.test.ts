import { beforeEach, describe, expect, it, vi } from 'vitest';

/** What the mocked page does: how long injecting the inserter takes, and what each frame was asked. */
const page = vi.hoisted(() => ({
  injected: Promise.resolve() as Promise<void>,
  asked: [] as { frameId: number; type: string }[],
  /** Resolves the frames' waiting `field:pick` asks, as the page does on a click or a stop. */
  answerPicks: [] as ((answer: unknown) => void)[],
}));

vi.mock('wxt/browser', () => ({ browser: {} }));
vi.mock('./site-access', () => ({ siteStatus: async () => ({ kind: 'enabled', origin: 'https://ehr.example' }) }));
vi.mock('./insert-note', () => ({ injectInserter: () => page.injected }));
vi.mock('./keep-alive', () => ({ holdKeepAlive: () => () => undefined }));
vi.mock('../storage/field-maps', async (original) => ({
  ...(await original<typeof import('../storage/field-maps')>()),
  saveTaughtField: async () => ({ site: 'https://ehr.example', fields: {} }),
}));
vi.mock('./chart-reading', () => ({
  reachableFrames: async () => [0, 3],
  ask: (_tabId: number, frameId: number, message: { type: string }) => {
    page.asked.push({ frameId, type: message.type });
    if (message.type === 'field:pick') return new Promise((resolve) => page.answerPicks.push(resolve));
    if (message.type === 'field:pick-stop') page.answerPicks.splice(0).forEach((answer) => answer(undefined));
    return Promise.resolve(undefined);
  },
}));

const { pickFieldInTab, stopPick } = await import('./field-mapping');

beforeEach(() => {
  page.injected = Promise.resolve();
  page.asked = [];
  page.answerPicks = [];
});

describe('Map fields: a step in the background', () => {
  it('Skip pressed while the inserter is still being injected ends that step at once, and no frame is left waiting', async () => {
    let injected!: () => void;
    page.injected = new Promise((resolve) => (injected = resolve));
    const outcome = pickFieldInTab(7, 'subjective');
    await Promise.resolve();
    await stopPick(7);
    injected();
    await expect(outcome).resolves.toEqual({ kind: 'stopped' });
    expect(page.asked.filter((a) => a.type === 'field:pick')).toEqual([]);
  });

  it('Skip while the frames wait for the click stops every frame, and the step ends stopped', async () => {
    const outcome = pickFieldInTab(7, 'objective');
    await vi.waitFor(() => expect(page.answerPicks).toHaveLength(2));
    await stopPick(7);
    await expect(outcome).resolves.toEqual({ kind: 'stopped' });
    expect(new Set(page.asked.filter((a) => a.type === 'field:pick-stop').map((a) => a.frameId))).toEqual(new Set([0, 3]));
  });

  it('a click in one frame is the pick, stored for the site; the other frames stop waiting', async () => {
    const outcome = pickFieldInTab(7, 'plan');
    await vi.waitFor(() => expect(page.answerPicks).toHaveLength(2));
    page.answerPicks[1]!({ frame: { origin: 'https://frames.example', top: false }, locators: [{ by: 'id', id: 'plan' }], fragile: false });
    await expect(outcome).resolves.toMatchObject({ kind: 'picked', target: 'plan', fragile: false });
    expect(page.asked.filter((a) => a.type === 'field:pick-stop').map((a) => a.frameId).sort()).toEqual([0, 3]);
  });

  it('a new step stops the one before it', async () => {
    const first = pickFieldInTab(7, 'subjective');
    await vi.waitFor(() => expect(page.answerPicks).toHaveLength(2));
    const second = pickFieldInTab(7, 'objective');
    await expect(first).resolves.toEqual({ kind: 'stopped' });
    await vi.waitFor(() => expect(page.asked.filter((a) => a.type === 'field:pick')).toHaveLength(4));
    await stopPick(7);
    await expect(second).resolves.toEqual({ kind: 'stopped' });
  });
});
