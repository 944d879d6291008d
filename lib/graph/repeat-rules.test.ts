import { describe, expect, it } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { mapGraphError } from "./map-graph-error";
import {
  afterNotSent,
  afterPostFailure,
  MAX_POST_ATTEMPTS,
  mayRepeatAfterStatus,
  mayRepeatUnanswered,
  postFailureMayHaveActed,
} from "./repeat-rules";

const noAnswer = mapGraphError({}, "invite");
const answered = (status: number, extra: { retryAfterSeconds?: number; message?: string } = {}) =>
  mapGraphError({ status, ...extra }, "invite");

describe("the at-most-once rules for POST /invitations", () => {
  it("repeats only a GET that got no answer", () => {
    expect(mayRepeatUnanswered("GET")).toBe(true);
    expect(mayRepeatUnanswered("POST")).toBe(false);
    expect(mayRepeatUnanswered("PATCH")).toBe(false);
  });

  it("counts a POST without an answer, or with any 5xx, as one that may have acted", () => {
    expect(postFailureMayHaveActed(noAnswer)).toBe(true);
    for (const status of [500, 502, 503, 504]) {
      expect(postFailureMayHaveActed(answered(status))).toBe(true);
    }
    expect(postFailureMayHaveActed(answered(429))).toBe(false);
    expect(postFailureMayHaveActed(answered(400))).toBe(false);
    expect(postFailureMayHaveActed(new AuthError("graph_unreachable"))).toBe(false);
    expect(postFailureMayHaveActed(new Error("boom"))).toBe(false);
  });

  it("settles an unanswered POST, or one answered 5xx, instead of sending it again", () => {
    expect(afterPostFailure(noAnswer)).toEqual({ step: "settle" });
    expect(afterPostFailure(answered(503))).toEqual({ step: "settle" });
    expect(afterPostFailure(answered(504))).toEqual({ step: "settle" });
  });

  it("lets the Graph client repeat a POST only after 429, and a GET or PATCH after any retried status", () => {
    expect(mayRepeatAfterStatus("POST", 429)).toBe(true);
    expect(mayRepeatAfterStatus("POST", 503)).toBe(false);
    expect(mayRepeatAfterStatus("POST", 504)).toBe(false);
    expect(mayRepeatAfterStatus("GET", 503)).toBe(true);
    expect(mayRepeatAfterStatus("DELETE", 429)).toBe(true);
    expect(mayRepeatAfterStatus("DELETE", 504)).toBe(false);
    expect(mayRepeatAfterStatus("PATCH", 504)).toBe(true);
  });

  it("resends after a throttle, waiting for Retry-After or five seconds without one", () => {
    expect(afterPostFailure(answered(429, { retryAfterSeconds: 2.1 }))).toEqual({
      step: "resend",
      afterMs: 3_000,
    });
    expect(afterPostFailure(answered(429))).toEqual({ step: "resend", afterMs: 5_000 });
  });

  it("sends a row Graph confirmed as not sent again a few times, backing off, then gives up", () => {
    expect(afterNotSent(1)).toEqual({ step: "resend", afterMs: 2_000 });
    expect(afterNotSent(3)).toEqual({ step: "resend", afterMs: 6_000 });
    expect(afterNotSent(MAX_POST_ATTEMPTS)).toEqual({ step: "final" });
  });

  it("waits for a sign-in when the on-behalf-of exchange was refused, before anything was sent", () => {
    expect(afterPostFailure(new AuthError("session_expired"))).toEqual({ step: "sign_in" });
    expect(afterPostFailure(new AuthError("unauthenticated"))).toEqual({ step: "sign_in" });
    expect(afterPostFailure(new AuthError("graph_unreachable"))).toEqual({
      step: "resend",
      afterMs: 5_000,
    });
    expect(afterPostFailure(new AuthError("forbidden"))).toEqual({ step: "final" });
  });

  it("waits for a stronger sign-in, with the claims, after a Conditional Access claims challenge; a block stays final", () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["p"]}}}';
    expect(
      afterPostFailure(new AuthError("claims_challenge", "mfa", { details: { claims } })),
    ).toEqual({ step: "sign_in", claims });
    expect(afterPostFailure(new AuthError("blocked_by_policy"))).toEqual({ step: "final" });
  });

  it("takes Graph's refusals as the outcome", () => {
    const restricted = answered(403);
    expect(restricted.code).toBe("invitations_restricted");
    expect(afterPostFailure(restricted)).toEqual({ step: "final" });
    expect(afterPostFailure(answered(400, { message: "already exists in the directory" }))).toEqual(
      {
        step: "final",
      },
    );
    expect(afterPostFailure(new Error("a bug"))).toEqual({ step: "final" });
  });
});
