import { describe, expect, it } from "vitest";
import { defaultInviteValues } from "@/lib/invitations/invite-defaults";
import { clearInviteDraft, readInviteDraft, saveInviteDraft } from "./invite-draft";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    size: () => items.size,
  };
}

describe("invite draft", () => {
  it("round-trips values and the submission attempt, until cleared", () => {
    const storage = memoryStorage();
    const values = {
      ...defaultInviteValues("https://myapps.microsoft.com/"),
      email: "ana@",
      customMessage: "Hola",
    };
    const attempt = { idempotencyKey: "3f0c5c1e-1111-4b7e-9c1a-0a0b0c0d0e0f", fingerprint: "{}" };
    saveInviteDraft({ values, attempt }, storage);
    expect(readInviteDraft(storage)).toEqual({ values, attempt });
    clearInviteDraft(storage);
    expect(storage.size()).toBe(0);
    expect(readInviteDraft(storage)).toBeNull();
  });

  it("ignores a damaged draft", () => {
    const storage = memoryStorage();
    storage.setItem("guest-portal.invite-draft", "{not json");
    expect(readInviteDraft(storage)).toBeNull();
    storage.setItem("guest-portal.invite-draft", JSON.stringify({ values: 5 }));
    expect(readInviteDraft(storage)).toBeNull();
  });
});
