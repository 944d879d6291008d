import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MINIMAL_GUESTS, PEOPLE, type LocalTenant } from "../src/index";
import {
  assertGraphError,
  assertMatchesSchema,
  assertOnlyDeclaredProperties,
} from "./helpers/graph-schemas";
import { startTestTenant } from "./helpers/local-tenant";

let tenant: LocalTenant;
let token: string;
beforeAll(async () => {
  // No throttling here: the property is about bodies, not rates.
  tenant = await startTestTenant({
    settings: { invitationRateLimit: { requests: 1_000_000, windowSeconds: 5 } },
  });
  // A User Administrator with both permissions reaches every branch, resets included.
  token = (
    await tenant.issueToken({
      user: "megan",
      audience: "graph",
      scopes: ["User.Invite.All", "User.ReadWrite.All"],
    })
  ).accessToken;
});
afterAll(() => tenant.close());

const ALLOWED_ERROR_STATUSES = new Set([400, 403, 404, 413]);

async function post(body: string, contentType: string): Promise<void> {
  const response = await fetch(`${tenant.url}/v1.0/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body,
  });
  const text = await response.text();
  const parsed: unknown = JSON.parse(text);
  if (response.status === 201) {
    assertMatchesSchema("microsoft.graph.invitation", parsed);
    assertOnlyDeclaredProperties("microsoft.graph.invitation", parsed as Record<string, unknown>);
    return;
  }
  if (!ALLOWED_ERROR_STATUSES.has(response.status))
    throw new Error(`Unexpected ${response.status} for ${body.slice(0, 300)}: ${text}`);
  assertGraphError(parsed);
  expect(response.headers.get("request-id")).toBeTruthy();
}

const plainAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}[a-z0-9]$/),
    fc.constantFrom("fabrikam.com", "northwind.example", "litware.example"),
  )
  .map(([local, domain]) => `${local}@${domain}`);
const emailLike = fc.oneof(
  plainAddress,
  fc.emailAddress(),
  fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("fabrikam.com", "contoso.onmicrosoft.com", "x"),
    )
    .map(([local, domain]) => `${local}@${domain}`),
  fc.constantFrom(
    PEOPLE.adele.mail,
    MINIMAL_GUESTS.pending.email,
    MINIMAL_GUESTS.accepted.email,
    "",
    " ",
    "a+b@c.example",
  ),
  fc.string(),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, anyJson, fc.constant(null));
const userIds = fc.constantFrom(
  MINIMAL_GUESTS.accepted.id,
  MINIMAL_GUESTS.pending.id,
  PEOPLE.adele.id,
  "nope",
);
const sponsorIds = fc.constantFrom(PEOPLE.adele.id, PEOPLE.lee.id, "missing");
const languages = fc.constantFrom("en-US", "es", "zh-Hant-TW", "??", "");

/** Anything goes: wrong types, nulls, unknown properties, foreign @odata.type. */
const noisy = fc.record(
  {
    invitedUserEmailAddress: maybe(emailLike),
    inviteRedirectUrl: maybe(
      fc.oneof(fc.webUrl(), fc.string(), fc.constant("javascript:alert(1)")),
    ),
    invitedUserDisplayName: maybe(fc.string()),
    invitedUserType: maybe(fc.constantFrom("Guest", "Member", "guest", "Owner", "")),
    sendInvitationMessage: maybe(fc.boolean()),
    resetRedemption: maybe(fc.boolean()),
    invitedUser: maybe(fc.record({ id: maybe(userIds) }, { requiredKeys: [] })),
    invitedUserMessageInfo: maybe(
      fc.record(
        {
          ccRecipients: maybe(
            fc.array(
              fc.record(
                {
                  emailAddress: maybe(
                    fc.record(
                      { address: maybe(emailLike), name: maybe(fc.string()) },
                      { requiredKeys: [] },
                    ),
                  ),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
          ),
          customizedMessageBody: maybe(fc.string()),
          messageLanguage: maybe(languages),
        },
        { requiredKeys: [] },
      ),
    ),
    invitedUserSponsors: maybe(
      fc.array(fc.record({ id: maybe(sponsorIds) }, { requiredKeys: [] }), { maxLength: 2 }),
    ),
    status: maybe(fc.string()),
    "@odata.type": maybe(fc.constantFrom("#microsoft.graph.invitation", "#microsoft.graph.user")),
    unexpected: anyJson,
  },
  { requiredKeys: [] },
);

/** Well-typed bodies with both required properties: they reach the business rules and the success path. */
const wellTyped = fc.record(
  {
    invitedUserEmailAddress: emailLike,
    inviteRedirectUrl: fc.webUrl(),
    invitedUserDisplayName: fc.string(),
    invitedUserType: fc.constantFrom("Guest", "guest", "Member", "Owner"),
    sendInvitationMessage: fc.boolean(),
    resetRedemption: fc.boolean(),
    invitedUser: fc.record({ id: userIds }),
    invitedUserMessageInfo: fc.record(
      {
        ccRecipients: fc.array(
          fc.record({ emailAddress: fc.record({ address: emailLike, name: fc.string() }) }),
          { maxLength: 2 },
        ),
        customizedMessageBody: fc.string(),
        messageLanguage: languages,
      },
      { requiredKeys: [] },
    ),
    invitedUserSponsors: fc.array(fc.record({ id: sponsorIds }), { maxLength: 2 }),
  },
  { requiredKeys: ["invitedUserEmailAddress", "inviteRedirectUrl"] },
);

it("answers thousands of random invitation bodies with a schema-valid 201 or Graph error, and stays up", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(noisy, wellTyped), async (body) =>
      post(JSON.stringify(body), "application/json"),
    ),
    { numRuns: 2000 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string(),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.string().map((text) => `{"invitedUserEmailAddress":${text}`),
      ),
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
      ),
      async (body, contentType) => post(body, contentType),
    ),
    { numRuns: 1000 },
  );
  // The generators must reach the success path too, not only the errors.
  expect(tenant.invitations().length).toBeGreaterThan(20);
  const health = await fetch(`${tenant.url}/_emulator/health`);
  expect(health.status).toBe(200);
}, 60_000);
