import { describe, expect, it } from "vitest";
import { captureLog } from "@/test-support/captured-log";
import { logger } from "./logger";
import { withRequestContext } from "./request-context";
import { REDACTED, scrubText } from "./scrub";

const jwt =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJvaWQiOiIxMjM0NTY3OCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const redeem =
  "https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3dx%26ticket%3dabc";

describe("scrubText", () => {
  it.each([
    ["a JWT", `token ${jwt} refused`, jwt],
    ["a redeem link", `link ${redeem} kept`, "redeem?rd"],
    ["a bare ticket", "…&ticket=Q2hhbmdlTWU&x=1", "Q2hhbmdlTWU"],
    ["a bearer header", "Authorization: Bearer opaque.token-value", "opaque.token-value"],
    ["the client secret", "secret is s3cr3t-value-123 here", "s3cr3t-value-123"],
  ])("removes %s", (_case, text, secret) => {
    const scrubbed = scrubText(text, ["s3cr3t-value-123"]);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain(REDACTED);
  });
});

describe("logger", () => {
  it("writes JSON lines with the request id, and nothing secret in messages, fields or errors", async () => {
    const log = captureLog();
    await withRequestContext({ requestId: "r-1", action: "inviteGuest" }, async () => {
      logger().info({ accessToken: "opaque", nested: { redeemUrl: redeem } }, `sent ${redeem}`);
      logger().error({ err: new Error(`refused ${jwt}`) }, "failed");
    });
    const [sent, failed] = log.lines;
    expect(sent).toMatchObject({ level: 30, requestId: "r-1", action: "inviteGuest" });
    expect(sent).toMatchObject({ accessToken: REDACTED, nested: { redeemUrl: REDACTED } });
    expect(failed).toMatchObject({ requestId: "r-1", err: { message: `refused ${REDACTED}` } });
    expect(log.text()).not.toMatch(/eyJ|redeem\?rd=|ticket=(?!\[)|opaque/);
  });
});
