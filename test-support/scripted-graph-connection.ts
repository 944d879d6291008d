import { afterAll, afterEach, beforeAll } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { createGraphConnection } from "@/lib/graph/graph-connection";
import { GraphFailure } from "@/lib/graph/graph-failure";
import type { RetryBounds } from "@/lib/graph/retry-policy";
import { startScriptedGraph } from "./scripted-graph-server";

/** Retries without waiting, so the adapter's tests run at once. */
export const FAST_RETRIES: RetryBounds = {
  maxRetries: 3,
  maxRetryAfterSeconds: 1,
  maxTotalSeconds: 2,
  baseDelaySeconds: 0,
};

export const SCRIPTED_CALLER = {
  oid: "o",
  tid: "t",
  name: "n",
  upn: "u",
  roles: [],
  wids: [],
  rawToken: "portal-token",
} as Caller;

/**
 * A scripted Graph server for the test file that calls this (started before its tests, reset after
 * each, closed at the end), and Graph connections to it.
 */
type ScriptedGraph = Awaited<ReturnType<typeof startScriptedGraph>>;

export function scriptedGraphForThisFile() {
  let graph: ScriptedGraph | undefined;
  // A scripted server is no tenant: its invitations are paced in this process, never in a shared
  // PostgreSQL window keyed by a configured tenant (there is no configuration here).
  const savedDatabaseUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    delete process.env.DATABASE_URL;
    graph = await startScriptedGraph();
  });
  afterEach(() => graph?.reset());
  afterAll(async () => {
    await graph?.close();
    if (savedDatabaseUrl !== undefined) process.env.DATABASE_URL = savedDatabaseUrl;
  });
  const server = (): ScriptedGraph => {
    if (!graph) throw new Error("the scripted Graph server starts in beforeAll");
    return graph;
  };
  const connection = (
    overrides: { retryBounds?: RetryBounds; attemptTimeoutMs?: number; origin?: string } = {},
  ) =>
    createGraphConnection({
      baseUrl: overrides.origin ?? server().origin,
      getAccessToken: async () => "graph-token",
      retryBounds: overrides.retryBounds ?? FAST_RETRIES,
      ...(overrides.attemptTimeoutMs ? { attemptTimeoutMs: overrides.attemptTimeoutMs } : {}),
    });
  // The server exists only once beforeAll ran: hand out a stand-in that reaches it then.
  const standIn = new Proxy({} as ScriptedGraph, {
    get: (_target, property) => Reflect.get(server(), property),
  });
  return { graph: standIn, connection };
}

/** The GraphFailure a promise rejects with; any other outcome fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<GraphFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphFailure) return error;
    throw error;
  }
  throw new Error("expected a GraphFailure");
}
