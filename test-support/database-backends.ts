// Test support, not used by the app. Each test file gets databases of its own, so files can run in
// parallel: PGlite in a fresh temporary folder; PostgreSQL in a fresh database created on the server
// named by DATABASE_URL (its user needs CREATEDB) and dropped afterwards.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, type Database } from "@/lib/db/connection";
import { createInvitationStore, type InvitationStore } from "@/lib/db/invitation-store";
import { invitationHistory } from "@/lib/db/schema";
import type { AttemptResult, InvitationRecord, NewAttempt } from "@/lib/db/types";
import { migrationsFolder } from "@/lib/db/migrations-folder";
import type { StoreOptions } from "@/lib/db/store";

export type BackendName = "pglite" | "postgres";

export interface ScratchDatabase {
  options: StoreOptions;
  dispose(): Promise<void>;
}

export interface TestBackend {
  name: BackendName;
  scratchDatabase(): Promise<ScratchDatabase>;
}

const pglite: TestBackend = {
  name: "pglite",
  async scratchDatabase() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "invitation-store-"));
    return { options: { dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  },
};

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// pg's pool.end() resolves before the server has let go of the connections; forcing the drop then
// would terminate them mid-goodbye and the pool would report an error, so wait for them briefly.
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      await onServer(serverUrl, `drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006") throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await onServer(serverUrl, `drop database if exists ${name} with (force)`);
}

function postgres(serverUrl: string): TestBackend {
  return {
    name: "postgres",
    async scratchDatabase() {
      const name = `store_test_${randomUUID().replaceAll("-", "")}`;
      await onServer(serverUrl, `create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        options: { databaseUrl: url.toString() },
        dispose: () => dropDatabase(serverUrl, name),
      };
    },
  };
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export function availableBackends(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TestBackend[] {
  const serverUrl = env.DATABASE_URL?.trim();
  return serverUrl ? [pglite, postgres(serverUrl)] : [pglite];
}

export function newInviterOid(): string {
  return randomUUID();
}

export interface TestStore {
  store: InvitationStore;
  /** Direct access, for arranging what the store's API cannot (such as identical timestamps). */
  db: Database;
  dispose(): Promise<void>;
}

/** A migrated store on a scratch database of its own. */
export async function openTestStore(backend: TestBackend): Promise<TestStore> {
  const scratch = await backend.scratchDatabase();
  const { databaseUrl, dataDir } = scratch.options;
  const connection = databaseUrl
    ? await openPostgres(databaseUrl, migrationsFolder())
    : await openPglite(dataDir ?? "", migrationsFolder());
  const store = createInvitationStore(connection.db, connection.backend, connection.close);
  return {
    store,
    db: connection.db,
    async dispose() {
      await store.close();
      await scratch.dispose();
    },
  };
}

/** One attempt recorded as the portal does (begin, then complete), back-dated to `at` if given. */
export async function recordAttempt(
  testStore: TestStore,
  entry: Partial<NewAttempt> & { inviterOid: string },
  result: AttemptResult = { outcome: "succeeded" },
  at?: string,
): Promise<InvitationRecord> {
  const { store, db } = testStore;
  const { attempt } = await store.beginAttempt({
    kind: "single",
    guestEmail: "guest@example.com",
    userType: "Guest",
    redirectUrl: "https://myapps.microsoft.com",
    sendInvitationMessage: true,
    ...entry,
  });
  await store.completeAttempt(attempt.id, result);
  if (at) {
    await db
      .update(invitationHistory)
      .set({ createdAt: new Date(at), updatedAt: new Date(at) })
      .where(eq(invitationHistory.id, attempt.id));
  }
  return (await store.getAttempt(attempt.id))!;
}

/**
 * A migrated store for the enclosing describe block: opened before its tests, disposed after. Within
 * a file, tests stay apart by using their own inviter and guest ids rather than truncating tables.
 */
export function setUpTestStore(backend: TestBackend) {
  let opened: TestStore | undefined;
  beforeAll(async () => {
    opened = await openTestStore(backend);
  });
  afterAll(() => opened?.dispose());
  const current = (): TestStore => {
    if (!opened) throw new Error("The test store opens in beforeAll.");
    return opened;
  };
  return {
    store: () => current().store,
    /** Direct access, for arranging what the store's API cannot (such as identical timestamps). */
    db: () => current().db,
    record: (
      entry: Partial<NewAttempt> & { inviterOid: string },
      result?: AttemptResult,
      at?: string,
    ) => recordAttempt(current(), entry, result, at),
  };
}
