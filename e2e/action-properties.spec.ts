import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ACTION_ERROR_CODES } from "../lib/server-action/action-result";
import { specs } from "./support/action-specs";
import { expect, test } from "./support/fixtures";
import { broken } from "./support/hostile-inputs";
import { serverActionId } from "./support/server-action";

/*
 * Every server action over its real HTTP endpoint, with generated inputs (fast-check), valid and
 * hostile: each answer is a typed result (data, or a known error code), never `internal`; input the
 * schema must refuse reaches neither Graph nor the history. Inputs are sampled, then sent a few at a
 * time without a browser page, so thousands fit in the test's time.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const KNOWN = new Set<string>(ACTION_ERROR_CODES);
const CONCURRENCY = 16;

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

function describeCall(call: { action: string; args: unknown[] }, answer: Answer): string {
  return `${call.action} ${JSON.stringify(call.args[1]).slice(0, 300)} → ${answer.status} ${answer.raw.slice(0, 300)}`;
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
  test.setTimeout(180_000);
  const lee = await tenant.token({ user: "lee", audience: "portal-api" });
  // A member with no oversight role, whom no other browser test uses: the drafts this suite leaves
  // behind count against that person's draft limit only.
  const member = await tenant.token({ user: "isaiah", audience: "portal-api" });
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
  // What the input makes Graph do; the caller's own role look-up (/me/memberOf, cached per person)
  // is authorization, asked once whatever the input.
  const graphCalls = async () =>
    (await tenant.requests({ path: "/v1.0" })).filter(
      (entry) => !String(entry.path).startsWith("/v1.0/me/"),
    ).length;

  // 1. Input the schema must refuse: a validation error, no Graph call, nothing in the history.
  const refusedCalls = all.flatMap((spec, index) =>
    fc.sample(broken(spec.template), { numRuns: 20, seed: SEED + index }).map((input) => ({
      id: ids.get(spec.action)!,
      page: spec.page,
      args: [lee, input],
      action: spec.action,
    })),
  );
  const phaseOne = performance.now();
  const historyBefore = await historyTotal();
  const graphBefore = await graphCalls();
  const refused = await callAll(request, refusedCalls);
  // One assertion per batch: thousands of expect() steps would cost more than the calls.
  const notRefused = refused.flatMap((answer, index) =>
    answer.code === "validation" ? [] : [describeCall(refusedCalls[index]!, answer)],
  );
  expect(notRefused).toEqual([]);
  expect(await graphCalls()).toBe(graphBefore);
  expect(await historyTotal()).toBe(historyBefore);

  console.log(`refused inputs checked in ${((performance.now() - phaseOne) / 1000).toFixed(0)} s`);

  // 2. Anything at all: a typed answer, never internal.
  const calls = all.flatMap((spec, index) =>
    fc.sample(spec.input, { numRuns: spec.runs, seed: SEED + 100 + index }).map((input, run) => ({
      id: ids.get(spec.action)!,
      page: spec.page,
      args: [run % 3 === 0 ? member : lee, input],
      action: spec.action,
    })),
  );
  const started = performance.now();
  const answers = await callAll(request, calls);
  const seconds = (performance.now() - started) / 1000;
  const codes = new Map<string, number>();
  const untyped: string[] = [];
  answers.forEach((answer, index) => {
    const typed = answer.status === 200 && (answer.ok || KNOWN.has(answer.code ?? ""));
    if (!typed || answer.code === "internal") untyped.push(describeCall(calls[index]!, answer));
    const outcome = answer.ok ? "ok" : answer.code!;
    codes.set(outcome, (codes.get(outcome) ?? 0) + 1);
  });
  expect(untyped).toEqual([]);
  const total = refusedCalls.length + calls.length;
  console.log(
    `${total} generated inputs over ${all.length} actions, ${calls.length} in ${seconds.toFixed(0)} s (not in the build: ${unreachable.join(", ") || "none"}):`,
    Object.fromEntries(codes),
  );
  expect(total).toBeGreaterThanOrEqual(5000);
});
