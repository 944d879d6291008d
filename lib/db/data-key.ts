import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/*
 * Redeem URLs are bearer-like (whoever opens one first becomes the guest), so the store keeps them
 * encrypted with AES-256-GCM: a dump or a backup of the database alone does not reveal them, and a
 * changed ciphertext fails to open instead of becoming a phishing link. Each value names the key that
 * sealed it ("enc:v1:<key id>:<iv>:<ciphertext>:<tag>"), so keys rotate (scripts/rotate-data-key.ts).
 * A value without the prefix was stored before encryption and is read as it is.
 */

export type DataKeys = { current: Buffer; previous?: Buffer };

const PREFIX = "enc:v1:";

/** The local tenant's, demo's and tests' key: public, so never for real data. */
export const LOCAL_DATA_KEY = createHash("sha256")
  .update("guest-invitations-portal local tenant data key, not for production")
  .digest()
  .toString("base64");

export class DataKeyError extends Error {
  readonly code = "data_key";
}

/** A key as configured: base64 of exactly 32 bytes. */
export function parseDataKey(base64: string, name = "DATA_ENCRYPTION_KEY"): Buffer {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text))
    throw new DataKeyError(`${name} must be base64 of 32 random bytes (openssl rand -base64 32)`);
  return Buffer.from(text, "base64");
}

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

let keys: DataKeys = { current: parseDataKey(LOCAL_DATA_KEY) };

/** Process-wide, like the store: set when the store opens. */
export function setDataKeys(next: DataKeys): void {
  keys = next;
}

export function currentKeyId(): string {
  return keyIdOf(keys.current);
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${PREFIX}${[keyIdOf(keys.current), iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":")}`;
}

export function open(stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const [keyId, iv, sealed, tag] = stored.slice(PREFIX.length).split(":");
  const key = [keys.current, keys.previous].find(
    (candidate) => candidate && keyIdOf(candidate) === keyId,
  );
  if (!key || iv === undefined || sealed === undefined || tag === undefined)
    throw new DataKeyError(
      `No configured data key has id ${keyId ?? "?"} (set DATA_ENCRYPTION_KEY_PREVIOUS)`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
