// bench:scale helpers: a bulk job through the portal's own server actions, and what Graph saw.
import { randomUUID } from "node:crypto";
import { callAction, sleep } from "./processes.mjs";

const HEADERS = ["email", "displayName", "sendEmail"];

export function bulkActions(actionId) {
  const id = (name) => actionId("components/bulk/actions", name);
  return {
    create: id("createBulkJob"),
    add: id("addBulkJobRows"),
    start: id("startBulkJob"),
    progress: id("getBulkJobProgress"),
    send: actionId("components/invite/actions", "sendInvitation"),
  };
}

async function ok(promise, what) {
  const result = await promise;
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** Draft → rows in batches of 1,000 → started, all on one instance, as the bulk page does. */
export async function createJob(portal, ids, token, prefix, count) {
  const { jobId } = await ok(
    callAction(portal, "/bulk", ids.create, [
      token,
      { fileName: `${prefix}.csv`, format: "simple", headers: HEADERS, totalRows: count },
    ]),
    "createBulkJob",
  );
  for (let first = 0; first < count; first += 1_000) {
    const rows = [];
    for (let i = first; i < Math.min(count, first + 1_000); i += 1) {
      rows.push({
        rowNumber: i + 2,
        // With the e-mail on, as most jobs are: an e-mail sent twice is what a guest would notice.
        cells: [`${prefix}.${i}@fabrikam.com`, `Guest ${i}`, "true"],
      });
    }
    await ok(callAction(portal, "/bulk", ids.add, [token, { jobId, rows }]), "addBulkJobRows");
  }
  await ok(callAction(portal, "/bulk", ids.start, [token, { jobId }]), "startBulkJob");
  return jobId;
}

/** The owner's page polling: brings the worker a fresh token and tells the job's status. */
export async function progress(portal, ids, token, jobId) {
  const result = await callAction(portal, "/bulk", ids.progress, [token, { jobId }]).catch(
    () => undefined,
  );
  return result?.ok ? result.data : undefined;
}

/** Single invitations one after another through `portal` until `stop()` says so. */
export async function sendSingles(portal, ids, token, prefix, stop) {
  const latencies = [];
  const codes = {};
  let index = 0;
  while (!stop()) {
    const started = Date.now();
    const result = await callAction(portal, "/", ids.send, [
      token,
      {
        values: {
          email: `${prefix}.single${index++}@fabrikam.com`,
          redirectUrl: "https://myapps.microsoft.com",
          userType: "Guest",
          sendInvitationMessage: false,
          sponsors: [],
        },
        idempotencyKey: randomUUID(),
      },
    ]).catch(() => ({ ok: false, error: { code: "no_answer" } }));
    latencies.push(Date.now() - started);
    const code = result.ok ? "sent" : result.error.code;
    codes[code] = (codes[code] ?? 0) + 1;
    await sleep(1_000);
  }
  return { latencies, codes };
}

/**
 * POST /invitations the tenant answered since `since` (ms), the 429s among them, and the time from
 * the first to the last accepted row of the job `prefix`.
 */
export async function invitationPosts(control, since, prefix) {
  const body = await control("GET", "/requests?path=/v1.0/invitations&method=POST");
  const entries = (Array.isArray(body) ? body : body.value).filter(
    (entry) => Date.parse(entry.time) >= since,
  );
  const rows = entries
    .filter((entry) => entry.status === 201)
    .filter((entry) => /\.\d+@/.test(String(entry.body?.invitedUserEmailAddress ?? "")))
    .filter((entry) => String(entry.body?.invitedUserEmailAddress).startsWith(`${prefix}.`))
    .map((entry) => Date.parse(entry.time));
  // Accepted POSTs per half second from the first row: how closely the pace follows the limit.
  const first = Math.min(...rows);
  const perHalfSecond = [];
  for (const entry of entries.filter((e) => e.status === 201)) {
    const slot = Math.floor((Date.parse(entry.time) - first) / 500);
    if (slot >= 0) perHalfSecond[slot] = (perHalfSecond[slot] ?? 0) + 1;
  }
  return {
    total: entries.length,
    throttled: entries.filter((e) => e.status === 429).length,
    rowSpanMs: rows.length > 1 ? Math.max(...rows) - first : 0,
    perHalfSecond: Array.from(perHalfSecond, (count) => count ?? 0),
  };
}

/**
 * By address: rows never invited; rows whose invitation e-mail went out more than once (sent twice);
 * and rows invited again without an e-mail, which is how a link lost with Graph's answer is
 * recovered once asking Graph showed the guest was invited (docs/graph-behaviour.md#settling-a-lost-answer).
 */
export async function lostAndTwice(control, prefix, count) {
  const body = await control("GET", "/invitations");
  const emails = new Map();
  const silent = new Map();
  for (const invitation of Array.isArray(body) ? body : body.value) {
    const email = String(invitation.invitedUserEmailAddress ?? "").toLowerCase();
    if (!email.startsWith(`${prefix}.`)) continue;
    const counts = invitation.sendInvitationMessage ? emails : silent;
    counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  let lost = 0;
  let twice = 0;
  let relinked = 0;
  for (let i = 0; i < count; i += 1) {
    const address = `${prefix}.${i}@fabrikam.com`;
    const sent = emails.get(address) ?? 0;
    if (sent === 0 && !silent.has(address)) lost += 1;
    if (sent > 1) twice += 1;
    relinked += silent.get(address) ?? 0;
  }
  return { lost, twice, relinked };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
