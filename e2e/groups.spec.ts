import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

/** Two of Adele's groups in the local tenant's seed (emulator/src/store/seed.ts, SEED_GROUPS). */
const SEED_GROUPS = {
  partnerProjects: {
    id: "9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01",
    displayName: "Marketing Partner Projects",
  },
  campaignReview: { id: "9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02", displayName: "Campaign Review" },
};

// Groups chosen on the invite form: each membership its own request after the invitation, shown with
// its outcome; a failed one is retried from the result (emulator/README.md, "Groups").

async function chooseGroup(page: Page, name: string) {
  const field = page.getByRole("combobox", { name: "Add to groups" });
  await field.click();
  await field.fill(name.slice(0, 8));
  await page.getByRole("option", { name: new RegExp(name) }).click();
  await expect(page.getByRole("list", { name: "Chosen groups" })).toContainText(name);
}

test("invite into two owned groups: one fails, Retry adds it, the tenant has both", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "adele");
  await page.getByLabel("E-mail address").fill("group.guest@fabrikam.com");
  await page.getByLabel("Send an invitation e-mail").uncheck();

  // The field lists her own groups with their type; a dynamic group says it cannot take members.
  const field = page.getByRole("combobox", { name: "Add to groups" });
  await field.click();
  await expect(
    page.getByRole("option", { name: /All Marketing.*Dynamic – cannot add/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("option", { name: /Campaign Review.*Microsoft 365 group/ }),
  ).toBeVisible();
  await expect(page.getByRole("option", { name: /Finance Reports/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("option", { name: /All Marketing/ }).click();
  await expect(page.getByText("“All Marketing” is dynamic")).toBeVisible();
  await expect(page.getByText("No groups chosen")).toBeVisible();

  await chooseGroup(page, SEED_GROUPS.partnerProjects.displayName);
  await chooseGroup(page, SEED_GROUPS.campaignReview.displayName);

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.locator("#invite-preview");
  await expect(preview).toContainText(
    `POST https://graph.microsoft.com/v1.0/groups/${SEED_GROUPS.campaignReview.id}/members/$ref`,
  );
  await expect(preview).toContainText(
    `New-MgGroupMemberByRef -GroupId '${SEED_GROUPS.partnerProjects.id}'`,
  );

  await tenant.injectFault({
    path: `/v1.0/groups/${SEED_GROUPS.campaignReview.id}/members`,
    method: "POST",
    kind: "status",
    status: 403,
  });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: "Invitation created" })).toBeVisible();

  const rows = page.getByTestId("group-membership");
  await expect(rows).toHaveCount(2);
  const added = rows.filter({ hasText: SEED_GROUPS.partnerProjects.displayName });
  const failed = rows.filter({ hasText: SEED_GROUPS.campaignReview.displayName });
  await expect(added).toContainText("Added");
  await expect(failed).toContainText("Failed");
  await expect(failed).toContainText("Only owners and group admins may add members");
  await expect(failed).toContainText("Microsoft Graph request ID");
  await expectAccessible(page);

  const [sent] = await tenant.invitations("group.guest@fabrikam.com");
  const guestId = (sent as unknown as { userId: string }).userId;
  expect((await tenant.group(SEED_GROUPS.partnerProjects.id)).memberIds).toContain(guestId);
  expect((await tenant.group(SEED_GROUPS.campaignReview.id)).memberIds).not.toContain(guestId);

  await failed
    .getByRole("button", {
      name: `Retry ${SEED_GROUPS.campaignReview.displayName}`,
    })
    .click();
  await expect(failed).toContainText("Added");
  await expect(failed.getByRole("button")).toHaveCount(0);
  expect((await tenant.group(SEED_GROUPS.campaignReview.id)).memberIds).toContain(guestId);
  expect((await tenant.group(SEED_GROUPS.partnerProjects.id)).memberIds).toContain(guestId);
});

test("Spanish: the Groups field and its types, accessible with the list open", async ({
  page,
  tenant,
}) => {
  void tenant;
  await signInAs(page, "adele");
  await page.getByLabel("Display language").selectOption("es");
  await expect(page.getByRole("heading", { name: "Grupos", exact: true })).toBeVisible();
  const field = page.getByRole("combobox", { name: "Añadir a grupos" });
  await field.click();
  await expect(
    page.getByRole("option", { name: /All Marketing.*Dinámico – no se puede añadir/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("option", { name: /Campaign Review.*Grupo de Microsoft 365/ }),
  ).toBeVisible();
  await expect(page.getByText("No hay grupos elegidos.")).toBeVisible();
  await expectAccessible(page);
});
