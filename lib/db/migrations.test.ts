import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrationsFolder } from "./migrations-folder";
import { createStore } from "./store";
import { availableBackends, newInviterOid, type ScratchDatabase } from "@/test-support/database-backends";
import type { StoreOptions } from "./store";

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8"),
) as { entries: unknown[] };

// Read with a connection of its own, after the store is closed (PGlite allows one at a time).
async function appliedMigrations(options: StoreOptions): Promise<number> {
  const query = "select count(*)::int as applied from drizzle.__drizzle_migrations";
  if (options.databaseUrl) {
    const client = new Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ applied: number }>(query)).rows[0]?.applied ?? -1;
    } finally {
      await client.end();
    }
  }
  const pglite = await PGlite.create({ dataDir: options.dataDir });
  try {
    return (await pglite.query<{ applied: number }>(query)).rows[0]?.applied ?? -1;
  } finally {
    await pglite.close();
  }
}

const attempt = (inviterOid: string) => ({
  kind: "single" as const,
  inviterOid,
  guestEmail: "ada@example.com",
  userType: "Guest" as const,
  redirectUrl: "https://myapps.microsoft.com",
  sendInvitationMessage: false,
});

describe.each(availableBackends())("migrations on $name", (backend) => {
  let scratch: ScratchDatabase | undefined;
  afterEach(async () => {
    await scratch?.dispose();
    scratch = undefined;
  });

  it("apply every migration to an empty database", async () => {
    scratch = await backend.scratchDatabase();
    const store = await createStore(scratch.options);
    expect(store.backend).toBe(backend.name);
    const inviterOid = newInviterOid();
    const { state } = await store.beginAttempt(attempt(inviterOid));
    expect(state).toBe("started");
    await store.close();
    expect(await appliedMigrations(scratch.options)).toBe(journal.entries.length);
  });

  it("are not applied again when the store reopens, and the data stays", async () => {
    scratch = await backend.scratchDatabase();
    const inviterOid = newInviterOid();
    const first = await createStore(scratch.options);
    await first.beginAttempt(attempt(inviterOid));
    await first.close();

    const second = await createStore(scratch.options);
    const page = await second.listHistory({ inviterOid, limit: 10 });
    await second.close();
    expect(page.total).toBe(1);
    expect(await appliedMigrations(scratch.options)).toBe(journal.entries.length);
  });

  if (backend.name === "postgres") {
    it("run once when several instances start at the same time", async () => {
      scratch = await backend.scratchDatabase();
      const options = scratch.options;
      const stores = await Promise.all([1, 2, 3, 4].map(() => createStore(options)));
      const inviterOid = newInviterOid();
      await Promise.all(stores.map((store) => store.beginAttempt(attempt(inviterOid))));
      const page = await stores[0]!.listHistory({ inviterOid, limit: 10 });
      await Promise.all(stores.map((store) => store.close()));
      expect(page.total).toBe(4);
      expect(await appliedMigrations(options)).toBe(journal.entries.length);
    });
  }

  it("fail clearly, before touching the database, when the migrations folder is missing", async () => {
    scratch = await backend.scratchDatabase();
    await expect(
      createStore({ ...scratch.options, migrationsDir: "/nonexistent/migrations" }),
    ).rejects.toThrow("no migrations in /nonexistent/migrations");
    if (scratch.options.dataDir) expect(readdirSync(scratch.options.dataDir)).toEqual([]);
  });
});

describe("the committed migrations", () => {
  it("match the schema (no change awaits `drizzle-kit generate`)", async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    try {
      await cp(migrationsFolder(), copy, { recursive: true });
      const generate = spawnSync(
        process.execPath,
        [
          path.join("node_modules", "drizzle-kit", "bin.cjs"),
          "generate",
          "--dialect=postgresql",
          "--schema=lib/db/schema.ts",
          // drizzle-kit only accepts an output folder relative to the working directory.
          `--out=${path.relative(process.cwd(), copy)}`,
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(generate.status).toBe(0);
      expect(await readdir(copy)).toEqual(await readdir(migrationsFolder()));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe("migrationsFolder", () => {
  it("defaults to lib/db/migrations under the working directory", () => {
    expect(migrationsFolder()).toBe(path.join(process.cwd(), "lib", "db", "migrations"));
  });

  it("honours an explicit folder", () => {
    expect(migrationsFolder("some/where")).toBe(path.resolve("some/where"));
  });
});
