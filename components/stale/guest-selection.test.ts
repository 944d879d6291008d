import { describe, expect, it } from "vitest";
import { MAX_SELECTED_GUESTS, staleJobInput } from "@/lib/pending/stale-inputs";
import { withGuests } from "./guest-selection";

const guest = (index: number) => ({ id: `id-${index}`, name: `Guest ${index}` });

describe("withGuests", () => {
  it("ticks and unticks guests without touching the others", () => {
    const ticked = withGuests(new Map(), [guest(1), guest(2)], true);
    expect([...ticked.keys()]).toEqual(["id-1", "id-2"]);
    const after = withGuests(ticked, [guest(1)], false);
    expect([...after.entries()]).toEqual([["id-2", "Guest 2"]]);
    expect([...ticked.keys()]).toEqual(["id-1", "id-2"]);
  });

  it("keeps guests ticked on another page when a page is ticked or unticked", () => {
    const first = withGuests(new Map(), [guest(1)], true);
    const second = withGuests(first, [guest(2), guest(3)], true);
    expect(second.size).toBe(3);
    expect([...withGuests(second, [guest(2), guest(3)], false).keys()]).toEqual(["id-1"]);
  });

  it("stops at the cap, in page order", () => {
    const full = withGuests(new Map(), [guest(1), guest(2), guest(3), guest(4)], true, 3);
    expect([...full.keys()]).toEqual(["id-1", "id-2", "id-3"]);
    expect(withGuests(full, [guest(5)], true, 3).has("id-5")).toBe(false);
  });

  it("never holds more guests than a job accepts", () => {
    const many = Array.from({ length: MAX_SELECTED_GUESTS + 20 }, (_, index) => guest(index));
    const ids = [...withGuests(new Map(), many, true).keys()];
    expect(ids).toHaveLength(MAX_SELECTED_GUESTS);
    const input = { kind: "remind", olderThanDays: 30, guestIds: ids };
    expect(staleJobInput.safeParse(input).success).toBe(true);
    expect(staleJobInput.safeParse({ ...input, guestIds: [...ids, "one-more"] }).success).toBe(
      false,
    );
  });
});
