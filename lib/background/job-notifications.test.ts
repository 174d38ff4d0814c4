import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyJobEnded, tabOfNotification } from './job-notifications';

describe('job notifications', () => {
  const created: { id: string; options: { title: string; message: string; iconUrl: string } }[] = [];
  beforeEach(() => {
    fakeBrowser.reset();
    created.length = 0;
    (fakeBrowser as unknown as { notifications: unknown }).notifications = {
      create: vi.fn(async (id: string, options: (typeof created)[number]['options']) => {
        created.push({ id, options });
        return id;
      }),
      clear: vi.fn(async () => true),
      onClicked: { addListener: vi.fn() },
    };
  });

  it('says only that a note is ready or could not be finished, and knows which tab it is for', async () => {
    notifyJobEnded('ready', { id: 'job-1', bindingKey: 'tab-42' });
    notifyJobEnded('failed', { id: 'job-2', bindingKey: 'tab-7' });
    await Promise.resolve();
    expect(created.map((c) => [c.options.title, c.options.message])).toEqual([
      ['Chartside', 'Your note is ready.'],
      ['Chartside', 'Chartside could not finish a note. Open Chartside to see why; the recording is kept.'],
    ]);
    expect(created.every((c) => c.options.iconUrl.endsWith('/notification-icon.png'))).toBe(true);
    expect(created.map((c) => tabOfNotification(c.id))).toEqual([42, 7]);
  });

  it('ignores notifications that are not a job’s', () => {
    expect(tabOfNotification('something-else')).toBeUndefined();
    expect(tabOfNotification('chartside-job:no-tab|job-3')).toBeUndefined();
  });
});
