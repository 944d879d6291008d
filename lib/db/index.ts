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
  NewAttempt,
  RedeemLink,
} from "./types";
export type { InvitationStore } from "./invitation-store";
export { INVITATION_KINDS, INVITATION_OUTCOMES, GUEST_USER_TYPES } from "./schema";
export { BULK_JOB_KINDS, BULK_ROW_STATES } from "./schema";
export { MAX_HISTORY_PAGE_SIZE } from "./history-queries";
export { InvalidCursorError } from "./history-cursor";
export { hasErrorCode, StoreError, type DraftRefusal } from "./store-error";
export type {
  BulkJobCounts,
  BulkJobKind,
  BulkJobProgress,
  BulkJobRecord,
  BulkJobRowRecord,
  BulkRowGroup,
  BulkPauseReason,
  BulkRowState,
  DraftLimits,
  NewBulkRow,
  RowOutcome,
} from "./bulk-types";
export type { BulkJobStore } from "./bulk-job-store";
export type { GuestChangeStore } from "./guest-change-store";
export type {
  GuestChangeFilter,
  GuestChangeKind,
  GuestChangePageRequest,
  GuestChangeRecord,
  GuestChangeResult,
  NewGuestChange,
} from "./guest-change-types";
export { GUEST_CHANGE_KINDS } from "./schema";
export { MAX_GUEST_CHANGE_PAGE_SIZE } from "./guest-change-queries";
export type { PortalSettingsStore, StaleDigestStore } from "./stale-digest-store";
export type { SettingActor } from "./portal-settings-queries";
export type { ClaimedRun, StaleDigestGuest } from "./stale-digest-queries";
export type { PortalSettingRecord, StaleDigestRunRecord, StaleDigestRunStatus } from "./schema";
