// What must never reach a log line, whatever code wrote it: access tokens (JWTs), redeem links and
// their one-time parameters, and the client secret. Applied to messages and to every string field.
const JWT = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
const REDEEM_URL = /https?:\/\/[^\s"'<>]*redeem[^\s"'<>]*/gi;
const ONE_TIME_PARAMETER = /\b(rd|ticket)=[^\s&"'<>]+/gi;
const BEARER = /\bBearer\s+[\w.~+/-]+=*/gi;

export const REDACTED = "[redacted]";

export function scrubText(text: string, secrets: readonly string[] = configuredSecrets()): string {
  let scrubbed = text
    .replace(JWT, REDACTED)
    .replace(REDEEM_URL, REDACTED)
    .replace(ONE_TIME_PARAMETER, `$1=${REDACTED}`)
    .replace(BEARER, `Bearer ${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length >= 8) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return scrubbed;
}

function configuredSecrets(): string[] {
  const secrets = [process.env.ENTRA_CLIENT_SECRET, process.env.METRICS_TOKEN];
  return secrets.filter((secret): secret is string => Boolean(secret?.trim()));
}

/** A copy of a log record's fields with every string scrubbed and errors reduced to their text. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
      ...("code" in value && typeof value.code === "string" ? { code: value.code } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]),
  );
}
