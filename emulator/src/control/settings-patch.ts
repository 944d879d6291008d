import { DEFAULT_SETTINGS, ENDPOINT_NAMES, type TenantSettings } from "../settings";
import { signInSettingProblems } from "./sign-in-settings-patch";

const ENUMS: Partial<Record<keyof TenantSettings, readonly string[]>> = {
  allowInvitesFrom: [
    "everyone",
    "adminsGuestInvitersAndAllMembers",
    "adminsAndGuestInviters",
    "none",
  ],
  reinviteRedeemedStatus: ["Completed", "PendingAcceptance"],
  multipleCcRecipients: ["reject", "accept"],
  readBasicSelectOfOtherProperties: ["null", "forbidden"],
  inviteRefusedAnswer: ["unauthorized", "notAllowed"],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function sameShape(value: unknown, example: unknown): boolean {
  if (Array.isArray(example))
    return Array.isArray(value) && value.every((item) => typeof item === "string");
  if (isRecord(example)) {
    return (
      isRecord(value) &&
      Object.entries(example).every(([key, item]) => key in value && sameShape(value[key], item)) &&
      Object.keys(value).every((key) => key in example)
    );
  }
  if (typeof example === "number")
    return typeof value === "number" && Number.isFinite(value) && value >= 0;
  return typeof value === typeof example;
}

/** Checks a settings patch from the control API; returns the problems found (empty when valid). */
export function settingsPatchProblems(patch: unknown): string[] {
  if (!isRecord(patch)) return ["settings must be a JSON object"];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_SETTINGS)) {
      problems.push(`unknown setting '${key}'`);
      continue;
    }
    const name = key as keyof TenantSettings;
    const signIn = signInSettingProblems(name, value);
    if (signIn) {
      problems.push(...signIn);
      continue;
    }
    if (name === "redeemOrigin") {
      if (value !== null && (typeof value !== "string" || !/^https?:\/\/[^/]+$/.test(value))) {
        problems.push("redeemOrigin must be null or an origin such as http://127.0.0.1:4010");
      }
      continue;
    }
    if (name === "latencyMs") {
      if (!isRecord(value)) problems.push("latencyMs must be an object");
      else {
        for (const [endpoint, ms] of Object.entries(value)) {
          if (!(ENDPOINT_NAMES as readonly string[]).includes(endpoint))
            problems.push(`latencyMs: unknown endpoint '${endpoint}'`);
          else if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
            problems.push(`latencyMs.${endpoint} must be a non-negative number`);
        }
      }
      continue;
    }
    const allowed = ENUMS[name];
    if (allowed) {
      if (typeof value !== "string" || !allowed.includes(value))
        problems.push(`${key} must be one of ${allowed.join(", ")}`);
      continue;
    }
    if (!sameShape(value, DEFAULT_SETTINGS[name]))
      problems.push(`${key} has the wrong type (see emulator/README.md)`);
  }
  return problems;
}
