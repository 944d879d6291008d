export async function register() {
  // Configuration comes from the Node.js environment; the edge runtime has nothing to check.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // One build serves any tenant: the variables are needed where the server runs, not where it is built.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateConfigurationAtStart } = await import("@/lib/config/validate-at-start");
  validateConfigurationAtStart();
  // Open the history store (and apply migrations) now, not on the first person's first send: the
  // embedded database takes seconds to start. A failure here is retried by the next getStore().
  const { getStore } = await import("@/lib/db");
  getStore().catch((error: unknown) =>
    console.error(
      "[store] could not open the invitation history at start:",
      error instanceof Error ? error.message : "unknown error",
    ),
  );
  // Bulk jobs resume after a restart; each waits for its owner's next visit to bring a token.
  const { ensureBulkWorker } = await import("@/lib/bulk/worker");
  ensureBulkWorker().catch((error: unknown) =>
    console.error(
      "[bulk worker] could not start:",
      error instanceof Error ? error.message : "unknown error",
    ),
  );
}
