import { describe, expect, it } from "vitest";
import { limitsConfigFromEnv } from "./limits-config";

describe("limitsConfigFromEnv", () => {
  it("defaults to 100 calls per 10 s per person and a reserve of 10, in memory", () => {
    expect(limitsConfigFromEnv({ DATABASE_URL: " " })).toEqual({
      actionCalls: 100,
      actionWindowSeconds: 10,
      singleInvitationReserve: 10,
    });
  });

  it("reads the settings and shares through PostgreSQL when DATABASE_URL is set", () => {
    expect(
      limitsConfigFromEnv({
        ACTION_RATE_LIMIT: "30",
        ACTION_RATE_LIMIT_WINDOW_SECONDS: "60",
        SINGLE_INVITATION_RESERVE: "20",
        DATABASE_URL: "postgres://db/portal",
      }),
    ).toEqual({
      actionCalls: 30,
      actionWindowSeconds: 60,
      singleInvitationReserve: 20,
      databaseUrl: "postgres://db/portal",
    });
  });

  it.each(["0", "-5", "ten", "2.5"])("refuses ACTION_RATE_LIMIT=%s", (value) => {
    expect(() => limitsConfigFromEnv({ ACTION_RATE_LIMIT: value })).toThrow();
  });
});
