import { RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import { mayRepeatAfterStatus } from "./repeat-rules";
import { parseRetryAfter } from "./retry-after";

export type RetryBounds = {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Give up rather than wait when Graph asks for a longer pause than this. */
  maxRetryAfterSeconds: number;
  /** Give up when the next wait would end after this much time since the first attempt. */
  maxTotalSeconds: number;
  /** Base back-off when Graph sends no Retry-After (it may not: docs/graph-behaviour.md#throttling). */
  baseDelaySeconds: number;
};

export const DEFAULT_RETRY_BOUNDS: RetryBounds = {
  maxRetries: 3,
  maxRetryAfterSeconds: 10,
  maxTotalSeconds: 25,
  baseDelaySeconds: 1,
};

/** Roughly the RetryHandler's own back-off when no Retry-After is given (attempt counts from 1). */
function backoffSeconds(attempt: number, baseDelaySeconds: number): number {
  return attempt >= 2 ? Math.round((2 ** attempt - 1) / 2) + baseDelaySeconds : baseDelaySeconds;
}

/**
 * Per-request options for the Graph client's RetryHandler (429/503/504, honouring Retry-After).
 * The handler alone would wait up to 180 s per retry; these bounds keep a person's click from hanging.
 * A POST is repeated only after a 429 (repeat-rules.ts): a 503 or 504 may come after Graph acted.
 */
export function createRetryOptions(
  bounds: RetryBounds = DEFAULT_RETRY_BOUNDS,
  now: () => number = Date.now,
  method: string = "GET",
) {
  const startedAt = now();
  return new RetryHandlerOptions(
    bounds.baseDelaySeconds,
    bounds.maxRetries,
    (_delay, attempt, _request, _options, response) => {
      const status = (response as Response | undefined)?.status;
      if (status !== undefined && !mayRepeatAfterStatus(method, status)) return false;
      const wait =
        parseRetryAfter((response as Response | undefined)?.headers?.get("Retry-After")) ??
        backoffSeconds(attempt + 1, bounds.baseDelaySeconds);
      const elapsedSeconds = (now() - startedAt) / 1000;
      return wait <= bounds.maxRetryAfterSeconds && elapsedSeconds + wait <= bounds.maxTotalSeconds;
    },
  );
}
