import { afterEach, describe, expect, it, vi } from "vitest";
import { afterForegroundCalls, foregroundCall } from "./call-order";

describe("call order", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lets a background call go at once when nobody waits", async () => {
    await expect(afterForegroundCalls()).resolves.toBeUndefined();
  });

  it("holds a background call made before the foreground call of the same render", async () => {
    const order: string[] = [];
    // The panel's effect runs first, the list's right after it, in the same tick.
    const background = afterForegroundCalls().then(() => order.push("background"));
    const ended = foregroundCall();
    order.push("foreground sent");
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(["foreground sent"]);
    ended();
    await background;
    expect(order).toEqual(["foreground sent", "background"]);
  });

  it("waits until every overlapping foreground call has ended, and an end counts once", async () => {
    const first = foregroundCall();
    const second = foregroundCall();
    let released = false;
    const background = afterForegroundCalls().then(() => {
      released = true;
    });
    first();
    first();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.resolve();
    expect(released).toBe(false);
    second();
    await background;
    expect(released).toBe(true);
  });

  it("holds a background call behind a foreground call that starts while it waits", async () => {
    let released = false;
    const background = afterForegroundCalls().then(() => {
      released = true;
    });
    const ended = foregroundCall();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const again = foregroundCall();
    ended();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(released).toBe(false);
    again();
    await background;
    expect(released).toBe(true);
  });

  it("still sends a background call from a hidden tab, which paints no frames", async () => {
    // A hidden tab never runs requestAnimationFrame callbacks.
    vi.stubGlobal("requestAnimationFrame", () => 0);
    const ended = foregroundCall();
    const background = afterForegroundCalls();
    ended();
    await expect(background).resolves.toBeUndefined();
  });
});
