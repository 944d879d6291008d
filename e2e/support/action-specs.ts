import fc from "fast-check";
import { email, field, guid, hostile, inviteValues, key, shortText } from "./hostile-inputs";

// What each server action is sent by e2e/action-properties.spec.ts: its endpoint, how many inputs,
// the generator, and a valid template that `broken` spoils one field of.

export type Spec = {
  action: string;
  file: string;
  page: string;
  runs: number;
  /** Whole inputs, valid and hostile. */
  input: fc.Arbitrary<unknown>;
  /** A valid input, which `broken` spoils one field of. */
  template: Record<string, unknown>;
};

export function specs(jobId: string): Spec[] {
  const bulk = (action: string, runs: number, input: fc.Arbitrary<unknown>, template = {}) => ({
    action,
    file: "components/bulk/actions.ts",
    page: "/bulk",
    runs,
    input,
    template,
  });
  const pending = (action: string, runs: number, input: fc.Arbitrary<unknown>, template = {}) => ({
    action,
    file: "components/pending/actions.ts",
    page: "/pending",
    runs,
    input,
    template,
  });
  const history = (action: string, runs: number, input: fc.Arbitrary<unknown>, template = {}) => ({
    action,
    file: "components/history/actions.ts",
    page: "/history",
    runs,
    input,
    template,
  });
  const jobIds = fc.oneof(fc.constant(jobId), guid, hostile);
  const filter = fc.record(
    {
      inviterOid: field(guid),
      guest: field(shortText),
      kind: field(fc.constantFrom("single", "bulk", "resend")),
      outcome: field(fc.constantFrom("pending", "succeeded", "failed")),
      from: field(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
      to: field(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
    },
    { requiredKeys: [] },
  );
  const reinvite = fc.record({ guestUserId: field(guid), idempotencyKey: field(key) });
  const validReinvite = { guestUserId: crypto.randomUUID(), idempotencyKey: "prop-template-key" };
  return [
    {
      action: "sendInvitation",
      file: "components/invite/actions.ts",
      page: "/",
      runs: 700,
      input: fc.record({ values: field(inviteValues), idempotencyKey: field(key) }),
      template: {
        values: { email: "template@fabrikam.com", redirectUrl: "https://myapps.microsoft.com" },
        idempotencyKey: "prop-template-key",
      },
    },
    {
      action: "searchPeople",
      file: "components/invite/actions.ts",
      page: "/",
      runs: 250,
      input: fc.record({ query: field(shortText) }),
      template: { query: "meg" },
    },
    history("getHistoryScope", 100, hostile),
    history(
      "listHistoryEntries",
      400,
      fc
        .tuple(filter, field(fc.constantFrom(25, 50, 100)), field(shortText))
        .map(([value, pageSize, cursor]) => ({ ...value, pageSize, cursor })),
      { pageSize: 25 },
    ),
    history("exportHistoryCsv", 200, filter, { guest: "a" }),
    bulk(
      "createBulkJob",
      250,
      fc.record({
        fileName: field(shortText),
        format: field(fc.constantFrom("simple", "admin_center")),
        headers: field(fc.array(shortText, { minLength: 1, maxLength: 5 })),
        totalRows: field(fc.integer({ min: -5, max: 20_000 })),
      }),
      { fileName: "g.csv", format: "simple", headers: ["email"], totalRows: 1 },
    ),
    bulk(
      "addBulkJobRows",
      400,
      fc.record({
        jobId: jobIds,
        rows: field(
          fc.array(
            fc.record({
              rowNumber: field(fc.integer({ min: 2, max: 4 })),
              cells: field(fc.array(fc.oneof(email, shortText), { maxLength: 3 })),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        ),
      }),
      { jobId, rows: [{ rowNumber: 2, cells: ["a@fabrikam.com", "no"] }] },
    ),
    ...["startBulkJob", "getBulkJobProgress", "getBulkJobResults"].map((action) =>
      bulk(action, 150, fc.record({ jobId: jobIds }), { jobId }),
    ),
    ...["pauseBulkJob", "resumeBulkJob", "cancelBulkJob"].map((action) =>
      bulk(action, 120, fc.record({ jobId: fc.oneof(guid, hostile) }), { jobId }),
    ),
    bulk(
      "listBulkJobRows",
      250,
      fc.record({
        jobId: jobIds,
        offset: field(fc.integer({ min: -1, max: 20_000 })),
        limit: field(fc.integer({ min: 0, max: 20_000 })),
        states: field(fc.array(fc.constantFrom("queued", "failed", "bogus"), { maxLength: 3 })),
      }),
      { jobId, offset: 0, limit: 10 },
    ),
    bulk("listBulkJobs", 100, hostile),
    bulk(
      "checkExistingAddresses",
      250,
      fc.record({ addresses: field(fc.array(email, { minLength: 1, maxLength: 20 })) }),
      { addresses: ["a@fabrikam.com"] },
    ),
    pending(
      "listPendingInvitations",
      300,
      fc.record(
        {
          pageSize: field(fc.constantFrom(10, 25, 50, 100)),
          search: field(shortText),
          order: field(fc.constantFrom("newest", "oldest", "name")),
          invitedByMe: field(fc.boolean()),
          cursor: field(shortText),
        },
        { requiredKeys: [] },
      ),
    ),
    pending("getPendingCapabilities", 100, hostile),
    pending("getRedeemLink", 200, fc.record({ guestUserId: field(guid) }), {
      guestUserId: crypto.randomUUID(),
    }),
    pending("regenerateRedeemLink", 200, reinvite, validReinvite),
    pending("resendInvitation", 200, reinvite, validReinvite),
    pending(
      "resetGuestRedemption",
      250,
      fc.record(
        {
          guestUserId: field(guid),
          idempotencyKey: field(key),
          newEmail: field(email),
          addEmailToUser: field(fc.boolean()),
          sendInvitationMessage: field(fc.boolean()),
        },
        { requiredKeys: ["guestUserId", "idempotencyKey"] },
      ),
      validReinvite,
    ),
  ];
}
