import fc from "fast-check";

// Generated inputs for the server actions: valid-looking values, and the hostile ones a person can send
// by replaying an action's HTTP request (docs/graph-behaviour.md#server-actions-are-public).

const NASTY = [
  "\u0000",
  "ana\u0000@fabrikam.com",
  "ana\u202E@fabrikam.com",
  "an\u200Ba@fabrikam.com",
  "\uFEFFbob@fabrikam.com",
  "x\r\ny",
  "\t",
  "'; drop table invitation_history; --",
  "=cmd|' /C calc'!A0",
  "Bob;=cmd|' /C calc'!A0;",
  "%00",
  "\\",
  "$@1",
  "$$",
  "\ud800",
  "😀",
  "A".repeat(5000),
  "__proto__",
  "constructor",
  "javascript:alert(1)",
  "http://localhost/x",
  "https://evil.example/a\r\nSet-Cookie: a=b",
  "https://evil.example/\tpath",
  "../../etc/passwd",
  "0000-01-01T00:00:00Z",
  "2025-02-30T00:00:00Z",
];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
);

export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** Mostly the valid value, sometimes anything at all. */
export function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

export const guid = fc.uuid();
export const key = fc.uuid().map((id) => `prop-${id}`);
export const email = fc.oneof(
  fc.nat({ max: 1_000_000 }).map((n) => `prop${n}@fabrikam.com`),
  fc.emailAddress(),
  hostileText,
);
export const shortText = fc.oneof(fc.string({ maxLength: 30 }), hostileText);

export const inviteValues = fc.record({
  email: field(email),
  displayName: field(shortText),
  redirectUrl: field(
    fc.oneof(fc.constant("https://myapps.microsoft.com"), fc.webUrl(), fc.constantFrom(...NASTY)),
  ),
  userType: field(fc.constantFrom("Guest", "Member")),
  sendInvitationMessage: field(fc.boolean()),
  messageLanguage: field(fc.constantFrom("", "es-ES", "en-US", "xx")),
  customMessage: field(shortText),
  ccRecipient: field(fc.oneof(fc.constant(""), email)),
  sponsors: field(fc.array(fc.record({ id: guid, displayName: shortText }), { maxLength: 6 })),
});

/** An input the schema must refuse: one field made unmistakably wrong (NUL text, or a wrong type). */
export function broken(template: Record<string, unknown>): fc.Arbitrary<unknown> {
  const names = Object.keys(template);
  if (names.length === 0) return fc.constantFrom<unknown>("\u0000", 42, ["x"]);
  return fc
    .tuple(
      fc.constantFrom(...names),
      fc.constantFrom<unknown>({ nested: "\u0000" }, ["\u0000"], 1e308),
    )
    .map(([name, value]) => ({ ...template, [name]: value }));
}
