import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";

describe("BoundedCache", () => {
  it("drops the least recently used entry beyond its size", () => {
    const cache = new BoundedCache<number>({ maxEntries: 2, maxAgeMs: 60_000 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // "b" is now the least recently used
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it("forgets entries past their own expiry or the maximum age, whichever comes first", () => {
    let now = 0;
    const cache = new BoundedCache<string>({ maxEntries: 10, maxAgeMs: 1_000, now: () => now });
    cache.set("token", "short", 500);
    cache.set("roles", "long", 5_000);
    now = 600;
    expect(cache.get("token")).toBeUndefined();
    expect(cache.get("roles")).toBe("long");
    now = 1_000;
    expect(cache.get("roles")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
