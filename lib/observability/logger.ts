import pino, { type Logger } from "pino";
import { currentRequestContext } from "./request-context";
import { REDACTED, scrubText, scrubValue } from "./scrub";

// Fields that hold credentials or bearer links wherever they appear, one level deep or at the top.
const SENSITIVE_FIELDS = [
  "accessToken",
  "rawToken",
  "token",
  "authorization",
  "clientSecret",
  "secret",
  "password",
  "redeemUrl",
  "inviteRedeemUrl",
  "cookie",
];

const LOGGER = Symbol.for("guest-invitations-portal.logger");
type WithLogger = typeof globalThis & { [LOGGER]?: Logger };

/** JSON lines on stdout; every line carries the request id of the action or bulk row it belongs to. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL?.trim() || "info",
    base: { service: "guest-invitations-portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [...SENSITIVE_FIELDS, ...SENSITIVE_FIELDS.map((field) => `*.${field}`)],
      censor: REDACTED,
    },
    mixin: () => ({ ...currentRequestContext() }),
    formatters: { log: (record) => scrubValue(record) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) =>
          typeof arg === "string" ? scrubText(arg) : arg,
        ) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process-wide logger. */
export function logger(): Logger {
  const holder = globalThis as WithLogger;
  holder[LOGGER] ??= createLogger();
  return holder[LOGGER];
}

/** Replaces the process-wide logger (tests that read what was logged). */
export function installLogger(replacement: Logger): void {
  (globalThis as WithLogger)[LOGGER] = replacement;
}
