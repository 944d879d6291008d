import type { FastifyRequest } from "fastify";
import { bodyText } from "../http/request-body";
import { SEED_NAMES, type SeedName } from "../store/seed";
import { FAULT_KINDS, type FaultKind, type FaultSpec } from "./faults";

/** A refusal of the control API: status and a plain message. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function jsonBody(request: FastifyRequest): Record<string, unknown> {
  const text = bodyText(request).trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlError(400, "The body must be JSON.");
  }
  if (!isRecord(parsed)) throw new ControlError(400, "The body must be a JSON object.");
  return parsed;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ControlError(400, `${name} must be a string`);
  return value;
}

export function parseSeed(value: unknown): SeedName | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !SEED_NAMES.includes(value as SeedName)) {
    throw new ControlError(400, `seed must be one of ${SEED_NAMES.join(", ")}`);
  }
  return value as SeedName;
}

export function parseFault(body: Record<string, unknown>): FaultSpec {
  const path = optionalString(body, "path");
  if (!path || !path.startsWith("/")) throw new ControlError(400, "path must start with /");
  const kind = (body.kind ?? (body.status !== undefined ? "status" : undefined)) as FaultKind;
  if (!FAULT_KINDS.includes(kind))
    throw new ControlError(400, `kind must be one of ${FAULT_KINDS.join(", ")}`);
  const count = body.count ?? 1;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1)
    throw new ControlError(400, "count must be a positive integer");
  const status = body.status;
  const needsStatus = kind === "status" || kind === "act-then-status";
  if (needsStatus && (typeof status !== "number" || status < 400 || status > 599))
    throw new ControlError(400, "status must be 400–599");
  const retryAfter = body.retryAfterSeconds;
  if (
    retryAfter !== undefined &&
    retryAfter !== null &&
    (typeof retryAfter !== "number" || retryAfter < 0)
  ) {
    throw new ControlError(400, "retryAfterSeconds must be a non-negative number or null");
  }
  const delayMs = body.delayMs;
  if (delayMs !== undefined && (typeof delayMs !== "number" || delayMs < 0))
    throw new ControlError(400, "delayMs must be a non-negative number");
  if ((kind === "hang" || kind === "act-then-delay") && delayMs === undefined)
    throw new ControlError(400, `${kind} needs delayMs`);
  const method = optionalString(body, "method");
  return {
    path,
    kind,
    count,
    ...(method ? { method } : {}),
    ...(typeof status === "number" ? { status } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter as number | null } : {}),
    ...(typeof delayMs === "number" ? { delayMs } : {}),
  };
}
