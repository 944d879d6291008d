import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

const REDIRECT = "https://myapps.microsoft.com/?tenantid=b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";

async function fillGuest(page: Page, email: string, displayName = "Ana Ruiz (Fabrikam)") {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Display name").fill(displayName);
}

/** The form's error alert (Next.js has an empty route announcer with role alert too). */
function sendError(page: Page) {
  return page.getByRole("alert").filter({ hasText: "The invitation wasn’t sent" });
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("invite with every field: preview, copy, send, copy the redeem link", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await expectAccessible(page);

  await fillGuest(page, "ana.ruiz@fabrikam.com");
  await page.getByLabel("Redirect URL").fill(REDIRECT);
  await page.getByRole("radio", { name: /Guest/ }).check();
  await page.getByLabel("Send an invitation e-mail").check();
  const language = page.getByRole("combobox", { name: "E-mail language" });
  await language.fill("Españ");
  await page.getByRole("option", { name: "Español (España)" }).click();
  await page.getByLabel("Personal message").fill("Welcome to the Contoso launch project.");
  await expect(page.getByText("38 / ")).toBeVisible();
  await page.getByLabel("Copy to (CC)").fill("manager@fabrikam.com");
  const sponsors = page.getByRole("combobox", { name: "Find sponsors" });
  await sponsors.fill("Lee");
  await page.getByRole("option", { name: /Lee Gu/ }).click();
  await expect(page.getByRole("list", { name: "Chosen sponsors" })).toContainText("Lee Gu");

  // Preview, like -WhatIf: the exact request body and the New-MgInvitation command, each copyable.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.locator("#invite-preview");
  await expect(preview).toContainText('"invitedUserEmailAddress": "ana.ruiz@fabrikam.com"');
  await expect(preview).toContainText("New-MgInvitation");
  await page.getByRole("button", { name: "Copy the Microsoft Graph request" }).click();
  const copiedBody = JSON.parse(await clipboardText(page));
  expect(copiedBody).toMatchObject({
    invitedUserEmailAddress: "ana.ruiz@fabrikam.com",
    invitedUserDisplayName: "Ana Ruiz (Fabrikam)",
    inviteRedirectUrl: REDIRECT,
    invitedUserType: "Guest",
    sendInvitationMessage: true,
    invitedUserMessageInfo: {
      messageLanguage: "es-ES",
      customizedMessageBody: "Welcome to the Contoso launch project.",
      ccRecipients: [{ emailAddress: { address: "manager@fabrikam.com" } }],
    },
  });
  expect(copiedBody.invitedUserSponsors).toHaveLength(1);
  await page.getByRole("button", { name: "Copy the PowerShell command" }).click();
  expect(await clipboardText(page)).toContain("New-MgInvitation");
  expect(await tenant.invitations()).toHaveLength(0); // a preview sends nothing
  await expectAccessible(page);

  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  await expect(
    page.getByText("Microsoft is e-mailing the invitation to ana.ruiz@fabrikam.com."),
  ).toBeVisible();
  await expect(page.getByText("ana.ruiz_fabrikam.com#EXT#@contoso.onmicrosoft.com")).toBeVisible();
  await expectAccessible(page);

  const [sent] = await tenant.invitations("ana.ruiz@fabrikam.com");
  expect(sent).toMatchObject({
    invitedUserEmailAddress: "ana.ruiz@fabrikam.com",
    sendInvitationMessage: true,
  });
  await page.getByRole("button", { name: "Copy the invitation link" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  expect(await clipboardText(page)).toBe(sent!.inviteRedeemUrl);

  const guest = await tenant.user("ana.ruiz_fabrikam.com#EXT#@contoso.onmicrosoft.com");
  expect(guest).toMatchObject({ userType: "Guest", externalUserState: "PendingAcceptance" });

  await page.getByRole("button", { name: "Invite another guest" }).click();
  await expect(page.getByLabel("E-mail address")).toBeFocused();
  await expect(page.getByLabel("E-mail address")).toHaveValue("");
});

test("bad input gets a specific message on its field, focus moves to it, nothing is sent", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const email = page.getByLabel("E-mail address");
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter the guest’s e-mail address.")).toBeVisible();

  await email.fill("ana+test@fabrikam.com");
  await page.getByLabel("Redirect URL").fill("http://example.com/welcome");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(
    page.getByText("Addresses with a plus sign (plus addressing) aren’t supported.", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(
    page.getByText("The address must start with https://", { exact: false }),
  ).toBeVisible();
  const describedBy = await email.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();

  await email.fill("ana#ruiz@fabrikam.com");
  await email.blur();
  await expect(
    page.getByText("Microsoft doesn’t accept “#” in an invited address. Remove it."),
  ).toBeVisible();
  await email.fill(".ana@fabrikam.com");
  await email.blur();
  await expect(page.getByText("The part before @ can’t start or end with “.”.")).toBeVisible();

  expect(await tenant.requests({ path: "/v1.0/invitations" })).toHaveLength(0);
});

test("a member whose tenant restricts invitations is told why, with the request ID", async ({
  page,
  tenant,
}) => {
  void tenant;
  await signInAs(page, "pradeep");
  await fillGuest(page, "someone@fabrikam.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const alert = sendError(page);
  await expect(alert).toContainText("Your organization doesn’t allow you to invite guests.");
  await expect(alert).toContainText("Microsoft Graph request ID (for support):");
  await expect(alert).toBeFocused();
});

test("an address that belongs to a member, and a blocked domain, are explained", async ({
  page,
  tenant,
}) => {
  await tenant.updateSettings({ domainDenyList: ["blocked.example"] });
  await signInAs(page, "adele");
  await fillGuest(page, "megan@contoso.onmicrosoft.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(sendError(page)).toContainText("already belongs to a member of your organization");

  await fillGuest(page, "someone@blocked.example");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(sendError(page)).toContainText("block invitations to this domain");
});

test("Graph 503 once: the portal asks Entra, says nothing was sent, and the same form then sends once", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await tenant.injectFault({ path: "/v1.0/invitations", kind: "status", status: 503, count: 1 });
  await fillGuest(page, "retry@fabrikam.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(sendError(page)).toContainText(
    "nothing was created and no e-mail went out. It is safe to try again.",
  );
  expect(await tenant.invitations("retry@fabrikam.com")).toHaveLength(0);

  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  expect(await tenant.invitations("retry@fabrikam.com")).toHaveLength(1);
  const posts = await tenant.requests({ path: "/v1.0/invitations", method: "POST" });
  expect(posts.map((entry) => entry.status)).toEqual([503, 201]);
});

test("an answer lost after Graph acted: one e-mail, and the person gets the truth and a new link", async ({
  page,
  tenant,
}) => {
  const email = `lost.${Date.now()}@fabrikam.com`;
  await signInAs(page, "adele");
  await tenant.injectFault({ path: "/v1.0/invitations", kind: "act-then-status", status: 504 });
  await fillGuest(page, email);
  await page.getByLabel("Send an invitation e-mail").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  await expect(
    page.getByText(
      "Microsoft Graph’s answer was lost, but Microsoft Entra shows the invitation was made.",
    ),
  ).toBeVisible();
  expect(await tenant.emailsSent(email)).toBe(1);
  const link = (await page.getByTestId("redeem-url").textContent()) ?? "";
  expect((await page.request.get(link)).status()).toBe(200);
});

test("throttled after the bounded retries: a clear message with the wait Microsoft asked for", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await tenant.injectFault({
    path: "/v1.0/invitations",
    kind: "status",
    status: 429,
    retryAfterSeconds: 1,
    count: 10,
  });
  await fillGuest(page, "busy@fabrikam.com");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const alert = sendError(page);
  await expect(alert).toContainText(
    "Microsoft Graph is receiving too many requests right now, so nothing was sent.",
    {
      timeout: 30_000,
    },
  );
  await expect(alert).toContainText("Microsoft asked to wait 1 second before trying again.");
  expect(await tenant.invitations("busy@fabrikam.com")).toHaveLength(0);

  // Nothing was lost: the same form sends once the throttle is over.
  await tenant.clearFaults();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  expect(await tenant.invitations("busy@fabrikam.com")).toHaveLength(1);
});

test("a double click sends one invitation", async ({ page, tenant }) => {
  await tenant.updateSettings({ latencyMs: { invitations: 600 } });
  await signInAs(page, "adele");
  await fillGuest(page, "double@fabrikam.com");
  await page.getByRole("button", { name: "Send invitation" }).dblclick();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  expect(await tenant.invitations("double@fabrikam.com")).toHaveLength(1);
});

test("an expired session: sign in again and the form comes back as it was", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await fillGuest(page, "later@fabrikam.com", "Later Guest");
  await page.getByLabel("Personal message").fill("Kept across sign-in.");
  await tenant.revokeSessions("adele");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const alert = sendError(page);
  await expect(alert).toContainText("Your session has expired.");
  await alert.getByRole("button", { name: "Sign in again" }).click();
  await page.getByRole("button", { name: /Adele Vance/ }).click();
  await expect(page.getByText("Welcome back")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveValue("later@fabrikam.com");
  await expect(page.getByLabel("Personal message")).toHaveValue("Kept across sign-in.");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  expect(await tenant.invitations("later@fabrikam.com")).toHaveLength(1);
});

test("Spanish: the switcher translates the page and its validation, and persists", async ({
  page,
  tenant,
}) => {
  void tenant;
  await signInAs(page, "isaiah");
  await page.getByLabel("Display language").selectOption("es");
  await expect(page.getByRole("heading", { name: "Invitar a un usuario" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Invitar a un usuario" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(page.getByText("Escribe la dirección de correo del invitado.")).toBeVisible();
  await expectAccessible(page);
});
