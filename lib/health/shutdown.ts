import { setTimeout as sleep } from "node:timers/promises";
import { stopBulkWorker } from "@/lib/bulk/worker";
import { closeStore } from "@/lib/db";
import { closeLimitsPools } from "@/lib/limits/shared-pool";
import { logger } from "@/lib/observability/logger";
import { inFlightCount } from "@/lib/observability/request-context";
import { startDraining } from "./draining";

export type ShutdownOptions = {
  /** Past this, the process exits even if work is left (a container runtime kills it soon after). */
  deadlineMs?: number;
  exit?: (code: number) => void;
};

const DEFAULT_DEADLINE_MS = 25_000;

/**
 * Stops taking work and lets what is running finish: readiness goes false, the bulk worker settles
 * its rows in flight and releases its leases (another instance takes the jobs at once), action
 * calls in progress complete, then the databases close.
 */
export async function shutDown(): Promise<void> {
  startDraining();
  await stopBulkWorker();
  while (inFlightCount() > 0) await sleep(50);
  await closeStore();
  await closeLimitsPools();
}

/**
 * With NEXT_MANUAL_SIG_HANDLE=true Next.js leaves SIGTERM and SIGINT to the application
 * (scripts/start.mjs and the Dockerfile set it); this is the application's answer.
 */
export function handleShutdownSignals(options: ShutdownOptions = {}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger().info({ signal }, "shutting down: draining");
    setTimeout(() => {
      logger().error("shutdown deadline passed; exiting with work left");
      exit(1);
    }, options.deadlineMs ?? DEFAULT_DEADLINE_MS).unref();
    shutDown().then(
      () => {
        logger().info("shutdown complete");
        exit(0);
      },
      (error: unknown) => {
        logger().error({ err: error }, "shutdown failed");
        exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
