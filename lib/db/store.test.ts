import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeStore, getStore, storeOptionsFromEnv } from "./store";
import { availableBackends } from "@/test-support/database-backends";

describe("storeOptionsFromEnv", () => {
  it("selects PostgreSQL only when DATABASE_URL holds something", () => {
    expect(storeOptionsFromEnv({ DATABASE_URL: "  " }).databaseUrl).toBeUndefined();
    expect(storeOptionsFromEnv({ DATABASE_URL: "postgres://db/portal" }).databaseUrl).toBe(
      "postgres://db/portal",
    );
  });

  it("passes DATA_DIR and DB_MIGRATIONS_DIR through", () => {
    expect(
      storeOptionsFromEnv({ DATA_DIR: "/var/portal", DB_MIGRATIONS_DIR: "/app/migrations" }),
    ).toEqual({
      databaseUrl: undefined,
      dataDir: "/var/portal",
      migrationsDir: "/app/migrations",
      dataKeys: { current: undefined, previous: undefined },
    });
  });
});

describe("getStore", () => {
  afterEach(async () => {
    await closeStore();
    vi.unstubAllEnvs();
  });

  it("opens one PGlite store per process, creating its data folder", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "invitation-store-"));
    const dataDir = path.join(parent, "nested", "data");
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DATA_DIR", dataDir);
    try {
      const [first, second] = await Promise.all([getStore(), getStore()]);
      expect(first).toBe(second);
      expect(first.backend).toBe("pglite");
      expect(existsSync(dataDir)).toBe(true);

      await closeStore();
      const reopened = await getStore();
      expect(reopened).not.toBe(first);
      await closeStore();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("tries again after a failed start", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DB_MIGRATIONS_DIR", "/nonexistent/migrations");
    const parent = await mkdtemp(path.join(os.tmpdir(), "invitation-store-"));
    vi.stubEnv("DATA_DIR", parent);
    try {
      await expect(getStore()).rejects.toThrow();
      vi.stubEnv("DB_MIGRATIONS_DIR", "");
      expect((await getStore()).backend).toBe("pglite");
      await closeStore();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  const postgres = availableBackends().find((backend) => backend.name === "postgres");
  if (postgres) {
    it("uses PostgreSQL when DATABASE_URL is set", async () => {
      const scratch = await postgres.scratchDatabase();
      vi.stubEnv("DATABASE_URL", scratch.options.databaseUrl ?? "");
      try {
        expect((await getStore()).backend).toBe("postgres");
        await closeStore();
      } finally {
        await scratch.dispose();
      }
    });
  }
});
