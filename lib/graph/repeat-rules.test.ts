import { describe, expect, it } from "vitest";
import { AuthError } from "@/lib/auth/auth-error";
import { mapGraphError } from "./map-graph-error";
import {
  afterPostFailure,
  MAX_POST_ATTEMPTS,
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

  it("counts only a POST without any answer as one that may have acted", () => {
    expect(postFailureMayHaveActed(noAnswer)).toBe(true);
    expect(postFailureMayHaveActed(answered(503))).toBe(false);
    expect(postFailureMayHaveActed(answered(429))).toBe(false);
    expect(postFailureMayHaveActed(new AuthError("graph_unreachable"))).toBe(false);
    expect(postFailureMayHaveActed(new Error("boom"))).toBe(false);
  });

  it("settles an unanswered POST instead of sending it again", () => {
    expect(afterPostFailure(noAnswer, 1)).toEqual({ step: "settle" });
  });

  it("resends after a throttle, waiting for Retry-After or five seconds without one", () => {
    expect(afterPostFailure(answered(429, { retryAfterSeconds: 2.1 }), 1)).toEqual({
      step: "resend",
      afterMs: 3_000,
    });
    expect(afterPostFailure(answered(429), 9)).toEqual({ step: "resend", afterMs: 5_000 });
  });

  it("resends after 503 or 504 a few times, backing off, then gives up", () => {
    expect(afterPostFailure(answered(503), 1)).toEqual({ step: "resend", afterMs: 2_000 });
    expect(afterPostFailure(answered(504), 3)).toEqual({ step: "resend", afterMs: 6_000 });
    expect(afterPostFailure(answered(503), MAX_POST_ATTEMPTS)).toEqual({ step: "final" });
    expect(afterPostFailure(answered(500), 1)).toEqual({ step: "final" });
  });

  it("waits for a sign-in when the on-behalf-of exchange was refused, before anything was sent", () => {
    expect(afterPostFailure(new AuthError("session_expired"), 1)).toEqual({ step: "sign_in" });
    expect(afterPostFailure(new AuthError("unauthenticated"), 1)).toEqual({ step: "sign_in" });
    expect(afterPostFailure(new AuthError("graph_unreachable"), 1)).toEqual({
      step: "resend",
      afterMs: 5_000,
    });
    expect(afterPostFailure(new AuthError("forbidden"), 1)).toEqual({ step: "final" });
  });

  it("takes Graph's refusals as the outcome", () => {
    const restricted = answered(403);
    expect(restricted.code).toBe("invitations_restricted");
    expect(afterPostFailure(restricted, 1)).toEqual({ step: "final" });
    expect(
      afterPostFailure(answered(400, { message: "already exists in the directory" }), 1),
    ).toEqual({
      step: "final",
    });
    expect(afterPostFailure(new Error("a bug"), 1)).toEqual({ step: "final" });
  });
});
