export { createStore, getStore, closeStore, storeOptionsFromEnv, type StoreOptions } from "./store";
export type {
  AttemptResult,
  BeginAttemptOptions,
  BeginAttemptResult,
  GuestInviter,
  GuestUserType,
  HistoryFilter,
  HistoryInviter,
  HistoryPage,
  HistoryPageRequest,
  InvitationKind,
  InvitationOutcome,
  InvitationRecord,
  InvitationStore,
  NewAttempt,
  RedeemLink,
} from "./invitation-store";
export { INVITATION_KINDS, INVITATION_OUTCOMES, GUEST_USER_TYPES } from "./schema";
export { BULK_ROW_STATES } from "./schema";
export { MAX_HISTORY_PAGE_SIZE } from "./history-queries";
export { InvalidCursorError } from "./history-cursor";
export { StoreError } from "./store-error";
export type {
  BulkJobCounts,
  BulkJobProgress,
  BulkJobRecord,
  BulkJobRowRecord,
  BulkJobStore,
  BulkPauseReason,
  BulkRowState,
  NewBulkRow,
  RowOutcome,
} from "./bulk-job-store";
