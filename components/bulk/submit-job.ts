import type { ActionResult } from "@/lib/server-action/action-result";
import type { ReadFile } from "./read-bulk-file";
import type { ActionOutcome } from "@/components/server-action/use-server-action";
import { addBulkJobRows, createBulkJob, startBulkJob } from "./actions";

type Call = <T>(
  action: (accessToken: string, input: unknown) => Promise<ActionResult<T>>,
  input: unknown,
) => Promise<ActionOutcome<T>>;

// Server actions accept about 1 MB per request: rows go in batches well under it.
const MAX_BATCH_ROWS = 1_000;
const MAX_BATCH_CHARACTERS = 400_000;

/**
 * Creates the job, sends every row (the server checks each again; rows with problems are kept as
 * skipped so the results list them) in batches, then starts it. `leaveOut`: row numbers the person
 * chose not to send, such as addresses already pending in the tenant.
 */
export async function submitJob(
  call: Call,
  file: ReadFile,
  leaveOut: ReadonlySet<number>,
  onProgress: (sent: number) => void,
): Promise<ActionOutcome<{ jobId: string }>> {
  const created = await call(createBulkJob, {
    fileName: file.fileName.slice(0, 255),
    format: file.sheet.format,
    headers: file.sheet.headers,
    totalRows: file.rows.length,
  });
  if (!created.ok) return created;
  const { jobId } = created.data;

  let batch: { rowNumber: number; cells: string[]; skip?: "already_pending" }[] = [];
  let characters = 0;
  let sent = 0;
  const flush = async () => {
    if (batch.length === 0) return undefined;
    const added = await call(addBulkJobRows, { jobId, rows: batch });
    if (!added.ok) return added;
    sent += batch.length;
    onProgress(sent);
    batch = [];
    characters = 0;
    return undefined;
  };
  for (const row of file.rows) {
    const entry = {
      rowNumber: row.rowNumber,
      cells: row.cells,
      ...(leaveOut.has(row.rowNumber) ? { skip: "already_pending" as const } : {}),
    };
    const size = JSON.stringify(entry).length;
    if (batch.length >= MAX_BATCH_ROWS || characters + size > MAX_BATCH_CHARACTERS) {
      const failed = await flush();
      if (failed) return failed;
    }
    batch.push(entry);
    characters += size;
  }
  const failed = await flush();
  if (failed) return failed;
  const started = await call(startBulkJob, { jobId });
  if (!started.ok) return started;
  return { ok: true, data: { jobId } };
}
