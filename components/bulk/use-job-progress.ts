"use client";

import { useEffect, useRef, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import type { BulkJobProgressView } from "@/lib/bulk/job-view";
import { getBulkJobProgress } from "./actions";
import { useServerAction } from "@/components/server-action/use-server-action";

const POLL_MS = 1_500;

function isFinal(progress: BulkJobProgressView | null): boolean {
  return progress?.job.status === "completed" || progress?.job.status === "cancelled";
}

/**
 * Polls the job's progress. Each poll carries a fresh token for the portal's API: the server keeps it in
 * memory for the worker, which acts on the owner's behalf (and pauses when no valid token arrives).
 */
export function useJobProgress(jobId: string) {
  const { call, renewSession } = useServerAction();
  const [progress, setProgress] = useState<BulkJobProgressView | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef<BulkJobProgressView | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await call(getBulkJobProgress, { jobId }, { background: true });
      if (stopped) return;
      if (result.ok) {
        latest.current = result.data;
        setProgress(result.data);
        setError(null);
      } else {
        setError(result.error);
      }
      if (!isFinal(latest.current)) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [call, jobId, version]);

  return {
    progress,
    error,
    renewSession,
    /** Polls again at once, e.g. after pausing or resuming. */
    refresh: () => setVersion((value) => value + 1),
    update: (next: BulkJobProgressView) => {
      latest.current = next;
      setProgress(next);
    },
  };
}
