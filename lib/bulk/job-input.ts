import "server-only";
import { z } from "zod";
import { BULK_ROW_STATES } from "@/lib/db";
import { textWithoutNul } from "@/lib/invitations/hostile-characters";
import { MAX_ADDRESSES_PER_CHECK, MAX_BULK_ROWS } from "./limits";

// What the bulk page sends; the server checks every row again (job-rows.ts) before it is queued.

const invalid = { error: "validation.invalid" };
const cell = z.string(invalid).max(10_000, invalid);

export const jobIdInput = z.object({ jobId: z.uuid(invalid) });

export const newJobInput = z.object({
  fileName: textWithoutNul().trim().min(1, invalid).max(255, invalid),
  format: z.enum(["admin_center", "simple"], invalid),
  headers: z.array(textWithoutNul().max(500, invalid), invalid).min(1, invalid).max(100, invalid),
  totalRows: z.number(invalid).int(invalid).min(1, invalid).max(MAX_BULK_ROWS, invalid),
});
export type NewJobInput = z.output<typeof newJobInput>;

export const jobRowsInput = z.object({
  jobId: z.uuid(invalid),
  rows: z
    .array(
      z.object({
        rowNumber: z.number(invalid).int(invalid).min(1, invalid).max(1_000_000, invalid),
        cells: z.array(cell, invalid).max(100, invalid),
        skip: z.enum(["already_pending", "left_out"], invalid).optional(),
      }),
      invalid,
    )
    .min(1, invalid)
    .max(1_000, invalid),
});
export type JobRowsInput = z.output<typeof jobRowsInput>;

export const rowsPageInput = z.object({
  jobId: z.uuid(invalid),
  offset: z.number(invalid).int(invalid).min(0, invalid).max(MAX_BULK_ROWS, invalid),
  limit: z.number(invalid).int(invalid).min(1, invalid).max(MAX_BULK_ROWS, invalid),
  states: z.array(z.enum(BULK_ROW_STATES, invalid), invalid).max(6, invalid).optional(),
});
export type RowsPageInput = z.output<typeof rowsPageInput>;

export const addressesInput = z.object({
  addresses: z
    .array(textWithoutNul().max(320, invalid), invalid)
    .min(1, invalid)
    .max(MAX_ADDRESSES_PER_CHECK, invalid),
});
