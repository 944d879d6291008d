// Next.js sends a page's server-action calls one at a time, in the order they were made
// (docs/performance.md#one-action-at-a-time). A call the page makes on its own (a capability check,
// a panel, a poll) must therefore not take the queue ahead of a call a person is waiting for.

let foregroundInFlight = 0;
let foregroundIdle: Promise<void> = Promise.resolve();
let signalIdle: () => void = () => undefined;

/** Marks a call a person waits for; the returned function ends it. */
export function foregroundCall(): () => void {
  if (foregroundInFlight === 0)
    foregroundIdle = new Promise<void>((resolve) => {
      signalIdle = resolve;
    });
  foregroundInFlight += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    foregroundInFlight -= 1;
    if (foregroundInFlight === 0) signalIdle();
  };
}

// A hidden tab paints no frames and never runs requestAnimationFrame: a bulk job's progress poll,
// which brings the worker a fresh token, must go on while its page is in the background.
const PAINT_WAIT_LIMIT_MS = 100;

/** After the browser has painted the next frame, or at most PAINT_WAIT_LIMIT_MS when it paints none. */
function afterNextPaint(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame !== "function") return void setTimeout(resolve, 0);
    setTimeout(resolve, PAINT_WAIT_LIMIT_MS);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/**
 * Resolves once no call a person waits for is in flight, and what its answer showed is on screen.
 * It first lets the current render's other effects run: a panel's effect runs before the list's
 * when the panel comes first in the page. And it waits for the paint after the answer: React holds
 * a page's updates while a server action is pending, so an action sent at once would keep the
 * person's answer off the screen until that action too had answered (docs/performance.md).
 */
export async function afterForegroundCalls(): Promise<void> {
  await afterNextPaint();
  while (foregroundInFlight > 0) {
    await foregroundIdle;
    await afterNextPaint();
  }
}
