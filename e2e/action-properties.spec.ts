import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ACTION_ERROR_CODES } from "../lib/server-action/action-result";
import { expect, test } from "./support/fixtures";
import {
  broken,
  email,
  field,
  guid,
  hostile,
  inviteValues,
  key,
  shortText,
} from "./support/hostile-inputs";
import { serverActionId } from "./support/server-action";

/*
 * Every server action over its real HTTP endpoint, with generated inputs (fast-check), valid and
 * hostile: each answer is a typed result (data, or a known error code), never `internal`; input the
 * schema must refuse reaches neither Graph nor the history. Inputs are sampled, then sent a few at a
 * time without a browser page, so thousands fit in the test's time.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const KNOWN = new Set<string>(ACTION_ERROR_CODES);
const CONCURRENCY = 8;

type Spec = {
  action: string;
  file: string;
  page: string;
  runs: number;
  /** Whole inputs, valid and hostile. */
  input: fc.Arbitrary<unknown>;
  /** A valid input, which `broken` spoils one field of. */
  template: Record<string, unknown>;
};

function specs(jobId: string): Spec[] {
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

/** As React encodes a server action's arguments: a string starting with "$" is escaped as "$$…". */
function encodeReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeReply);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, encodeReply(item)]),
    );
  return value;
}

type Answer = { ok: boolean; code?: string; status: number; raw: string };

/** The action's result, from the React Server Components answer ("1:{...}"). */
function parse(status: number, raw: string): Answer {
  const line = raw.split("\n").find((candidate) => candidate.startsWith("1:"));
  try {
    const result = JSON.parse(line?.slice(2) ?? "") as { ok?: unknown; error?: { code?: unknown } };
    if (typeof result.ok === "boolean")
      return {
        ok: result.ok,
        status,
        raw,
        ...(result.error ? { code: String(result.error.code) } : {}),
      };
  } catch {
    // Reported below as untyped.
  }
  return { ok: false, code: "untyped", status, raw };
}

async function callAll(
  request: APIRequestContext,
  calls: Array<{ id: string; page: string; args: unknown[] }>,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let start = 0; start < calls.length; start += CONCURRENCY) {
    const batch = calls.slice(start, start + CONCURRENCY).map(async ({ id, page, args }) => {
      const response = await request.post(page, {
        headers: {
          "Next-Action": id,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
        },
        data: JSON.stringify(encodeReply(args)),
      });
      return parse(response.status(), await response.text());
    });
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

test("every server action answers thousands of generated inputs with a typed result", async ({
  request,
  tenant,
}) => {
  test.setTimeout(600_000);
  const lee = await tenant.token({ user: "lee", audience: "portal-api" });
  const adele = await tenant.token({ user: "adele", audience: "portal-api" });
  const createId = await serverActionId("createBulkJob", "components/bulk/actions.ts");
  const [draft] = await callAll(request, [
    {
      id: createId,
      page: "/bulk",
      args: [
        lee,
        { fileName: "p.csv", format: "simple", headers: ["email", "sendEmail"], totalRows: 3 },
      ],
    },
  ]);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(draft?.raw ?? "")?.[1] ?? crypto.randomUUID();
  const ids = new Map<string, string>();
  const unreachable: string[] = [];
  for (const spec of specs(jobId)) {
    // An action no page uses is left out of the build: it has no endpoint to call.
    const id = await serverActionId(spec.action, spec.file).catch(() => undefined);
    if (id) ids.set(spec.action, id);
    else unreachable.push(spec.action);
  }
  const all = specs(jobId).filter((spec) => ids.has(spec.action));
  expect(unreachable.length, `not in the build: ${unreachable.join(", ")}`).toBeLessThanOrEqual(2);

  const historyId = await serverActionId("listHistoryEntries", "components/history/actions.ts");
  const historyTotal = async () => {
    const [answer] = await callAll(request, [{ id: historyId, page: "/history", args: [lee, {}] }]);
    return Number(/"total":(\d+)/.exec(answer?.raw ?? "")?.[1] ?? NaN);
  };
  const graphCalls = async () => (await tenant.requests({ path: "/v1.0" })).length;

  // 1. Input the schema must refuse: a validation error, no Graph call, nothing in the history.
  const refusedCalls = all.flatMap((spec, index) =>
    fc.sample(broken(spec.template), { numRuns: 20, seed: SEED + index }).map((input) => ({
      id: ids.get(spec.action)!,
      page: spec.page,
      args: [lee, input],
      action: spec.action,
    })),
  );
  const graphBefore = await graphCalls();
  const historyBefore = await historyTotal();
  const refused = await callAll(request, refusedCalls);
  refused.forEach((answer, index) => {
    const call = refusedCalls[index]!;
    expect(answer.code, `${call.action} ${JSON.stringify(call.args[1]).slice(0, 200)}`).toBe(
      "validation",
    );
  });
  expect(await graphCalls()).toBe(graphBefore);
  expect(await historyTotal()).toBe(historyBefore);

  // 2. Anything at all: a typed answer, never internal.
  const calls = all.flatMap((spec, index) =>
    fc.sample(spec.input, { numRuns: spec.runs, seed: SEED + 100 + index }).map((input, run) => ({
      id: ids.get(spec.action)!,
      page: spec.page,
      args: [run % 3 === 0 ? adele : lee, input],
      action: spec.action,
    })),
  );
  const answers = await callAll(request, calls);
  const codes = new Map<string, number>();
  answers.forEach((answer, index) => {
    const call = calls[index]!;
    const label = `${call.action} ${JSON.stringify(call.args[1]).slice(0, 300)} → ${answer.raw.slice(0, 300)}`;
    expect(answer.status, label).toBe(200);
    expect(answer.ok || KNOWN.has(answer.code ?? ""), label).toBe(true);
    expect(answer.code, label).not.toBe("internal");
    const outcome = answer.ok ? "ok" : answer.code!;
    codes.set(outcome, (codes.get(outcome) ?? 0) + 1);
  });
  const total = refusedCalls.length + calls.length;
  console.log(
    `${total} generated inputs over ${all.length} actions (not in the build: ${unreachable.join(", ") || "none"}):`,
    Object.fromEntries(codes),
  );
  expect(total).toBeGreaterThanOrEqual(5000);
});
