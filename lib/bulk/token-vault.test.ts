import { describe, expect, it } from "vitest";
import { callerFromClaims, type Caller } from "@/lib/auth/caller";
import { TokenVault } from "./token-vault";

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

// The vault reads `exp` from a token the action wrapper has already validated.
function callerWith(oid: string, expSeconds: number, tag = ""): Caller {
  const token = `${base64url({ alg: "none" })}.${base64url({ exp: expSeconds, oid, tag })}.sig`;
  return callerFromClaims({ oid, tid: "t", scp: "access_as_user" }, token);
}

describe("TokenVault", () => {
  it("keeps the newest token per person and stops offering it a minute before it expires", () => {
    let now = 1_000_000;
    const vault = new TokenVault(() => now);
    const older = callerWith("ana", now / 1000 + 600, "a");
    const newer = callerWith("ana", now / 1000 + 3600, "b");
    vault.put(newer);
    vault.put(older);
    expect(vault.get("ana")).toBe(newer);
    now += (3600 - 59) * 1000;
    expect(vault.get("ana")).toBeUndefined();
    expect(vault.get("ben")).toBeUndefined();
  });

  it("never takes back a token the identity platform refused", () => {
    const vault = new TokenVault(() => 0);
    const refused = callerWith("ana", 3600, "old");
    vault.put(refused);
    vault.refuse(refused);
    expect(vault.get("ana")).toBeUndefined();
    expect(vault.put(refused)).toBe(false);
    expect(vault.put(callerWith("ana", 3600, "new"))).toBe(true);
    expect(vault.get("ana")).toBeDefined();
  });

  it("keeps tokens out of JSON and logs", () => {
    expect(JSON.stringify(callerWith("ana", 3600))).not.toContain("sig");
  });
});
