// The Node.js server's start (instrumentation.ts loads it only there): configuration checked, history
// opened, bulk worker and metrics started, shutdown signals handled.
export async function startNodeServer(): Promise<void> {
  const { logger } = await import("@/lib/observability/logger");
  const { validateConfigurationAtStart } = await import("@/lib/config/validate-at-start");
  validateConfigurationAtStart({ log: (message) => logger().fatal(message) });
  const { limitsConfigFromEnv } = await import("@/lib/limits/limits-config");
  try {
    limitsConfigFromEnv();
  } catch {
    logger().fatal(
      "ACTION_RATE_LIMIT, ACTION_RATE_LIMIT_WINDOW_SECONDS and SINGLE_INVITATION_RESERVE must be whole numbers of at least 1. The portal cannot start.",
    );
    process.exit(1);
  }
  // Open the history store (and apply migrations) now, not on the first person's first send: the
  // embedded database takes seconds to start. A failure here is retried by the next getStore().
  const { getStore } = await import("@/lib/db");
  getStore().catch((error: unknown) =>
    logger().error({ err: error }, "could not open the invitation history at start"),
  );
  // Bulk jobs resume after a restart; each waits for its owner's next visit to bring a token.
  const { ensureBulkWorker } = await import("@/lib/bulk/worker");
  ensureBulkWorker().catch((error: unknown) =>
    logger().error({ err: error }, "the bulk worker could not start"),
  );
  // Old weekly lists of stale invitations are swept hourly; the lists are made on each inviter's visit.
  const { ensureStaleDigestHousekeeping } = await import("@/lib/stale-digest/housekeeping");
  ensureStaleDigestHousekeeping(getStore);
  const metricsPort = Number(process.env.METRICS_PORT);
  if (Number.isInteger(metricsPort) && metricsPort > 0) {
    const { startMetricsServer } = await import("@/lib/observability/metrics-endpoint");
    startMetricsServer(metricsPort);
  }
  // Next.js exits at once on a signal unless this is set (to anything): scripts/start.mjs, Dockerfile.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { handleShutdownSignals } = await import("@/lib/health/shutdown");
    handleShutdownSignals();
  }
}
