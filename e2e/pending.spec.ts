import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { callServerAction, serverActionId } from "./support/server-action";

// The seeded guest of the minimal seed that the portal never invited (emulator/README.md).
const SEEDED = {
  id: "c0ffee00-0000-4000-8000-000000000001",
  email: "pending.guest@fabrikam.com",
  name: "Pending Guest",
};

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test.beforeEach(async ({ context }) => {
  // Accepting an invitation continues to its redirect URL, which must not leave the machine.
  await context.route("https://myapps.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>My Apps</title>" }),
  );
});

async function openPending(page: Page, search = "") {
  await page.getByRole("link", { name: "Pending invitations" }).click();
  await expect(page.getByRole("heading", { name: "Pending invitations", level: 1 })).toBeVisible();
  if (search) {
    await page.getByLabel("Search by name or e-mail").fill(search);
    await page.getByLabel("Search by name or e-mail").press("Enter");
  }
  await expect(page.getByText("Loading pending invitations…")).toHaveCount(0);
}

const rowOf = (page: Page, text: string) =>
  page.getByRole("row", { name: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("invite, find the guest among the pending, copy the link, accept as the guest, and see them leave", async ({
  page,
  context,
  tenant,
}) => {
  void tenant;
  const email = `ana.ruiz.${Date.now()}@fabrikam.com`;
  await signInAs(page, "adele");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Display name").fill("Ana Ruiz");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();

  await openPending(page, "ana.ruiz");
  const row = rowOf(page, email);
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").nth(2)).toHaveText("You", { useInnerText: true });
  await expectAccessible(page);

  await row.getByRole("button", { name: "Copy link for Ana Ruiz" }).click();
  await expect(page.getByText("Link for Ana Ruiz copied.")).toBeVisible();
  const link = await clipboard(page);
  expect(link).toContain("/redeem?rd=");

  const guest = await context.newPage();
  await guest.goto(link);
  await guest.getByRole("button", { name: "Accept" }).click();
  await expect(guest).toHaveTitle("My Apps");
  await guest.close();

  await page.getByLabel("Search by name or e-mail").press("Enter");
  await page.getByRole("combobox", { name: "Per page" }).selectOption("50");
  await expect(page.getByText("No pending invitations match")).toBeVisible();
  await expect(rowOf(page, email)).toHaveCount(0);
});

test("Get a new link for a seeded guest the portal never invited, silently", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await openPending(page, "pending.guest");
  const row = rowOf(page, SEEDED.email);
  await expect(row.getByText("sponsor")).toBeVisible();
  await row.getByRole("button", { name: `Get a new link for ${SEEDED.name}` }).click();
  await expect(page.getByText(`New link for ${SEEDED.name} copied.`)).toBeVisible();
  const link = await clipboard(page);
  const [made] = await tenant.invitations(SEEDED.email);
  expect(made?.inviteRedeemUrl).toBe(link);
  expect(made?.sendInvitationMessage).toBe(false);
  await expect(row.getByRole("button", { name: `Copy link for ${SEEDED.name}` })).toBeVisible();
});

test("Resend asks first, closes on Escape with focus back, then e-mails the invitation", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await openPending(page, "pending.guest");
  const resend = rowOf(page, SEEDED.email).getByRole("button", {
    name: `Resend invitation to ${SEEDED.name}`,
  });
  await resend.click();
  const dialog = page.getByRole("dialog", { name: "Send the invitation e-mail again?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(resend).toBeFocused();

  await page.keyboard.press("Enter");
  await dialog.getByRole("button", { name: "Send e-mail" }).click();
  await expect(page.getByText(`Invitation e-mail sent again to ${SEEDED.email}.`)).toBeVisible();
  const [made] = await tenant.invitations(SEEDED.email);
  expect(made?.sendInvitationMessage).toBe(true);
});

test("helpdesk resets a redemption with the address on the user and copies the new link", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "lee");
  await openPending(page, "pending.guest");
  await expect(page.getByText("As helpdesk you can copy every redeem link")).toBeVisible();
  await rowOf(page, SEEDED.email)
    .getByRole("button", { name: `Reset redemption for ${SEEDED.name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Reset redemption for ${SEEDED.name}?` });
  await expect(dialog.getByText("All earlier redeem links stop working.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Reset redemption", exact: true }).click();
  const done = page.getByRole("dialog", { name: "Redemption reset" });
  await expect(done).toBeVisible();
  const shown = await done.getByTestId("reset-redeem-url").textContent();
  await done.getByRole("button", { name: "Copy new redeem link" }).click();
  expect(await clipboard(page)).toBe(shown);
  const [made] = await tenant.invitations(SEEDED.email);
  expect(made).toMatchObject({ resetRedemption: true, inviteRedeemUrl: shown });
});

test("helpdesk resets to a new address: Graph's mismatch first, then after adding the address", async ({
  page,
  tenant,
}) => {
  const newEmail = `pending.moved.${Date.now()}@northwind.example`;
  await signInAs(page, "lee");
  await openPending(page, "pending.guest");
  await rowOf(page, SEEDED.email)
    .getByRole("button", { name: `Reset redemption for ${SEEDED.name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Reset redemption for ${SEEDED.name}?` });
  await dialog.getByLabel("Invite with a different e-mail address").check();
  await dialog.getByLabel("New e-mail address").fill("not an address");
  await dialog.getByRole("button", { name: "Reset redemption", exact: true }).click();
  await expect(
    dialog.getByText("Enter an e-mail address in the form name@example.com."),
  ).toBeVisible();

  await dialog.getByLabel("New e-mail address").fill(newEmail);
  await dialog.getByLabel("Add this address to the user first").uncheck();
  await dialog.getByRole("button", { name: "Reset redemption", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "doesn’t match any address on the existing user",
  );

  await dialog.getByLabel("Add this address to the user first").check();
  await dialog.getByRole("button", { name: "Reset redemption", exact: true }).click();
  const done = page.getByRole("dialog", { name: "Redemption reset" });
  await expect(
    done.getByText(`${newEmail} was added to the user’s other e-mail addresses.`),
  ).toBeVisible();
  const user = await tenant.user(SEEDED.id);
  expect(user.otherMails).toContain(newEmail);
  await done.getByRole("button", { name: "Close" }).click();
  await expect(done).toHaveCount(0);
});

test("a reset to an address just added waits while Microsoft Entra applies it, then resets", async ({
  page,
  tenant,
}) => {
  await tenant.updateSettings({ otherMailsReplicationDelayMs: 3_000 });
  const newEmail = `pending.replica.${Date.now()}@northwind.example`;
  await signInAs(page, "lee");
  await openPending(page, "pending.guest");
  await rowOf(page, SEEDED.email)
    .getByRole("button", { name: `Reset redemption for ${SEEDED.name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Reset redemption for ${SEEDED.name}?` });
  await dialog.getByLabel("Invite with a different e-mail address").check();
  await dialog.getByLabel("New e-mail address").fill(newEmail);
  await dialog.getByRole("button", { name: "Reset redemption", exact: true }).click();
  await expect(
    dialog.getByRole("status").filter({
      hasText: "Waiting for Microsoft Entra to apply the new address…",
    }),
  ).toBeVisible();
  const done = page.getByRole("dialog", { name: "Redemption reset" });
  await expect(
    done.getByText(`${newEmail} was added to the user’s other e-mail addresses.`),
  ).toBeVisible({ timeout: 30_000 });
  await expect(done.getByTestId("reset-redeem-url")).toContainText("redeem");
});

test("a team lead sees no reset button, and the reset action refuses a direct call", async ({
  page,
  tenant,
  request,
}) => {
  await signInAs(page, "adele");
  await openPending(page, "pending.guest");
  const row = rowOf(page, SEEDED.email);
  await expect(
    row.getByRole("button", { name: `Get a new link for ${SEEDED.name}` }),
  ).toBeVisible();
  await expect(row.getByRole("button", { name: /Reset redemption/ })).toHaveCount(0);

  const token = await tenant.token({ user: "adele", audience: "portal-api" });
  const id = await serverActionId("resetGuestRedemption", "components/pending/actions.ts");
  const answer = await callServerAction(request, "/pending", id, [
    token,
    { guestUserId: SEEDED.id, idempotencyKey: crypto.randomUUID() },
  ]);
  expect(answer).toContain('"code":"forbidden"');
  const linkId = await serverActionId("getRedeemLink", "components/pending/actions.ts");
  // Lee invites the guest again; Adele may not read that link.
  const leeToken = await tenant.token({ user: "lee", audience: "portal-api" });
  const regenerate = await serverActionId("regenerateRedeemLink", "components/pending/actions.ts");
  expect(
    await callServerAction(request, "/pending", regenerate, [
      leeToken,
      { guestUserId: SEEDED.id, idempotencyKey: crypto.randomUUID() },
    ]),
  ).toContain("redeem");
  expect(
    await callServerAction(request, "/pending", linkId, [token, { guestUserId: SEEDED.id }]),
  ).toContain('"redeemUrl":null');
  expect(
    await callServerAction(request, "/pending", linkId, [leeToken, { guestUserId: SEEDED.id }]),
  ).toContain("/redeem?rd=");
});

test("shows Graph's failure with a retry, and an empty state", async ({ page, tenant }) => {
  await signInAs(page, "adele");
  await tenant.injectFault({ path: "/v1.0/users", kind: "status", status: 403, count: 1 });
  await page.getByRole("link", { name: "Pending invitations" }).click();
  // Next.js has a route announcer with the alert role too.
  const alert = page
    .getByRole("alert")
    .filter({ hasText: "The pending invitations couldn’t be loaded" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Microsoft Graph request ID");
  await expect(alert).toContainText("User.Read.All");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(rowOf(page, SEEDED.email)).toBeVisible();

  await page.getByLabel("Search by name or e-mail").fill("nobody-like-this");
  await page.getByLabel("Search by name or e-mail").press("Enter");
  await expect(page.getByText("No pending invitations match")).toBeVisible();
  await expectAccessible(page);

  // The search lives in the address: a reload shows the same list.
  await expect(page).toHaveURL(/\/pending\?q=nobody-like-this$/);
  await page.reload();
  await expect(page.getByLabel("Search by name or e-mail")).toHaveValue("nobody-like-this");
  await expect(page.getByText("No pending invitations match")).toBeVisible();
});

test("pages through Graph's pages with Next and Previous, one Graph page per screen", async ({
  page,
  tenant,
}) => {
  await tenant.seedGuests({
    count: 30,
    domain: "paging.example",
    displayNamePrefix: "Paging",
    externalUserState: "PendingAcceptance",
  });
  await signInAs(page, "adele");
  await openPending(page, "Paging");
  const pagingRows = page.getByRole("row", { name: /paging\.example/ });
  await expect(pagingRows).toHaveCount(25);
  await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText("Page 2", { exact: true })).toBeVisible();
  await expect(pagingRows).toHaveCount(5);
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
  const followed = await tenant.requests({ path: "/v1.0/users" });
  expect(followed.some((entry) => JSON.stringify(entry).includes("skiptoken"))).toBe(true);

  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
  await expect(pagingRows).toHaveCount(25);
});
