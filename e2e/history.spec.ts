import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { callServerAction, serverActionId } from "./support/server-action";

async function inviteThroughThePortal(page: Page, email: string, displayName: string) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
}

async function openHistory(page: Page) {
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "Invitation history", level: 1 })).toBeVisible();
  await expect(page.getByText("Loading the history…")).toHaveCount(0);
}

test("a team lead sees their own invitations, filters them and exports them as safe CSV", async ({
  page,
  tenant,
}) => {
  void tenant;
  const email = `history.${Date.now()}@fabrikam.com`;
  await signInAs(page, "adele");
  await inviteThroughThePortal(page, email, "=SUM(1+1)");
  await openHistory(page);
  await expect(page.getByTestId("history-scope")).toHaveText(
    "You see the invitations you sent. Helpdesk and administrators see everyone’s.",
  );
  await expect(page.getByLabel("Invited by")).toHaveCount(0);

  await page.getByLabel("Guest name or e-mail starts with").fill(email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });
  await expect(row).toContainText("Invitation");
  await expect(row).toContainText("Adele Vance");
  await expect(row).toContainText("Succeeded");
  await expect(page.getByText("/redeem?rd=")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("Kind").selectOption({ label: "Redemption reset" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Nothing recorded matches")).toBeVisible();
  await page.getByLabel("Kind").selectOption({ label: "Any" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(row).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^invitation-history-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.startsWith('\uFEFF"created_at","kind","outcome",')).toBe(true);
  expect(csv).toContain(`"${email}","'=SUM(1+1)"`);
  expect(csv).not.toContain("redeem");
  await expect(page.getByText("1 entry exported.")).toBeVisible();
});

test("helpdesk sees everyone's entries and can filter by inviter; a team lead's call for others' is narrowed", async ({
  page,
  tenant,
  request,
}) => {
  const email = `someone.else.${Date.now()}@northwind.example`;
  const adele = await tenant.token({ user: "adele", audience: "portal-api" });
  const send = await serverActionId("sendInvitation", "components/invite/actions.ts");
  expect(
    await callServerAction(request, "/", send, [
      adele,
      {
        values: {
          email,
          displayName: "Someone Else",
          redirectUrl: "https://myapps.microsoft.com",
          userType: "Guest",
          sendInvitationMessage: false,
          messageLanguage: "",
          customMessage: "",
          ccRecipient: "",
          sponsors: [],
        },
        idempotencyKey: crypto.randomUUID(),
      },
    ]),
  ).toContain("PendingAcceptance");

  // Isaiah asks for Adele's entries directly: the server narrows the query to his own.
  const isaiah = await tenant.token({ user: "isaiah", audience: "portal-api" });
  const list = await serverActionId("listHistoryEntries", "components/history/actions.ts");
  const answer = await callServerAction(request, "/history", list, [
    isaiah,
    { inviterOid: "00000000-0000-0000-0000-000000000000", guest: email },
  ]);
  expect(answer).toContain('"total":0');

  await signInAs(page, "lee");
  await openHistory(page);
  await expect(page.getByTestId("history-scope")).toContainText(
    "As helpdesk or administrator you see everyone’s invitations.",
  );
  await page.getByLabel("Invited by").selectOption({ label: "Adele Vance" });
  await page.getByLabel("Guest name or e-mail starts with").fill("someone.else");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("row", { name: /Someone Else/ }).first()).toContainText(
    "Adele Vance",
  );
  await page.getByLabel("Outcome").selectOption({ label: "Failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Nothing recorded matches")).toBeVisible();
  await expectAccessible(page);
});
