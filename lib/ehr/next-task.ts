/**
 * One task later, by MessageChannel: not clamped or throttled like `setTimeout` (to 4 ms when
 * nested; to once a second in a background tab), and after any task already queued (an editor's
 * render scheduled the same way, as React's scheduler does; the page's input and paint).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
