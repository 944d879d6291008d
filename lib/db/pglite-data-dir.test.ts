import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "./connection";
import { migrationsFolder } from "./migrations-folder";
import { createPgliteDatabaseApart } from "./pglite-data-dir";

describe("creating the PGlite database in a child process", () => {
  it("leaves a database the portal then opens, migrates and uses", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "pglite-apart-"));
    try {
      await createPgliteDatabaseApart(dataDir);
      expect(await readFile(path.join(dataDir, "PG_VERSION"), "utf8")).toMatch(/^\d+/);

      const connection = await openPglite(dataDir, migrationsFolder());
      try {
        const shown = (await connection.db.execute("show shared_buffers")) as unknown as {
          rows: { shared_buffers: string }[];
        };
        expect(shown.rows[0]?.shared_buffers).toBe("16MB");
      } finally {
        await connection.close();
      }
      // A start parameter, so the configuration initdb wrote is kept, not replaced.
      expect(await readFile(path.join(dataDir, "postgresql.conf"), "utf8")).toContain("datestyle");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("does not touch a folder that already holds a database", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "pglite-apart-"));
    try {
      await createPgliteDatabaseApart(dataDir);
      const before = await stat(path.join(dataDir, "PG_VERSION"));
      await createPgliteDatabaseApart(dataDir);
      expect((await stat(path.join(dataDir, "PG_VERSION"))).mtimeMs).toBe(before.mtimeMs);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
