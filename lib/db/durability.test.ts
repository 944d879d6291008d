import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createStore } from "./store";
import { availableBackends } from "@/test-support/database-backends";

const pglite = availableBackends().find((backend) => backend.name === "pglite")!;

// Bulk jobs (issue 5) must survive the server being killed; PostgreSQL guarantees this itself.
describe("PGlite durability", () => {
  it("keeps every committed attempt when the process is killed without closing", async () => {
    const scratch = await pglite.scratchDatabase();
    try {
      const child = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(__dirname, "..", "..", "test-support", "db-fixtures", "record-then-crash.ts"),
          scratch.options.dataDir ?? "",
          "25",
        ],
        { encoding: "utf8", timeout: 110_000 },
      );
      expect(child.signal).toBe("SIGKILL");
      expect(child.stdout).toBe("recorded\n");

      const store = await createStore(scratch.options);
      const page = await store.listHistory({ inviterOid: "crash-test", limit: 50 });
      await store.close();
      expect(page.total).toBe(25);
      expect(page.items.every((item) => item.outcome === "succeeded")).toBe(true);
    } finally {
      await scratch.dispose();
    }
  });
});
