// Run by durability.test.ts in a child process: records invitations, then dies without closing.
import { createStore } from "../../lib/db/store";

async function main(dataDir: string, count: number): Promise<void> {
  const store = await createStore({ dataDir });
  for (let index = 0; index < count; index += 1) {
    const { attempt } = await store.beginAttempt({
      kind: "bulk",
      inviterOid: "crash-test",
      guestEmail: `guest-${index}@example.com`,
      userType: "Guest",
      redirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: false,
    });
    await store.completeAttempt(attempt.id, { outcome: "succeeded", redeemUrl: "https://r/x" });
  }
  process.stdout.write("recorded\n");
  process.kill(process.pid, "SIGKILL");
}

void main(process.argv[2] ?? "", Number(process.argv[3] ?? "1"));
