import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line and Graph request made for one action call (or one bulk row) carries. */
export type RequestContext = { requestId: string; action?: string; jobId?: string };

// On globalThis: Next.js may load this module more than once (instrumentation, route bundles).
const STORAGE = Symbol.for("guest-invitations-portal.request-context");
type WithStorage = typeof globalThis & { [STORAGE]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as WithStorage;
  holder[STORAGE] ??= new AsyncLocalStorage<RequestContext>();
  return holder[STORAGE];
}

const IN_FLIGHT = Symbol.for("guest-invitations-portal.in-flight");
type WithInFlight = typeof globalThis & { [IN_FLIGHT]?: number };

/** Runs an action call or a bulk row with its context, counted so a shutdown can wait for it. */
export async function withRequestContext<T>(
  context: RequestContext,
  run: () => Promise<T>,
): Promise<T> {
  const holder = globalThis as WithInFlight;
  holder[IN_FLIGHT] = (holder[IN_FLIGHT] ?? 0) + 1;
  try {
    return await storage().run(context, run);
  } finally {
    holder[IN_FLIGHT] = (holder[IN_FLIGHT] ?? 1) - 1;
  }
}

/** Action calls and bulk rows being worked on in this process. */
export function inFlightCount(): number {
  return (globalThis as WithInFlight)[IN_FLIGHT] ?? 0;
}

export function currentRequestContext(): RequestContext | undefined {
  return storage().getStore();
}
