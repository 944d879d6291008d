import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { PEOPLE } from "./support/local-tenant";
import { callServerAction, serverActionId } from "./support/server-action";

// The minimal seed's pending guest, sponsored by Adele Vance (emulator/README.md).
const GUEST = {
  id: "c0ffee00-0000-4000-8000-000000000001",
  email: "pending.guest@fabrikam.com",
  name: "Pending Guest",
};

async function openPending(page: Page) {
  await page.getByRole("link", { name: "Pending invitations" }).click();
  await expect(page.getByRole("heading", { name: "Pending invitations", level: 1 })).toBeVisible();
  await page.getByLabel("Search by name or e-mail").fill("pending.guest");
  await page.getByLabel("Search by name or e-mail").press("Enter");
  await expect(page.getByText("Loading pending invitations…")).toHaveCount(0);
}

const guestRow = (page: Page) => page.getByRole("row", { name: new RegExp(GUEST.email) });

test("a User Administrator adds a sponsor and removes the old one; the Changes view shows both", async ({
  page,
  tenant,
}) => {
  await signInAs(page, "megan");
  await openPending(page);
  await guestRow(page)
    .getByRole("button", { name: `Sponsors of ${GUEST.name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Sponsors of ${GUEST.name}` });
  const current = dialog.getByRole("list", { name: "Current sponsors" });
  await expect(current).toContainText(PEOPLE.adele.name);
  await expect(current).toContainText("adele@contoso.onmicrosoft.com");
  await expectAccessible(page);

  await dialog.getByRole("combobox", { name: "Add a sponsor" }).fill("Isaiah");
  await page.getByRole("option", { name: /Isaiah Langer/ }).click();
  await expect(dialog.getByText("Isaiah Langer is now a sponsor.")).toBeVisible();
  await expect(current).toContainText("Isaiah Langer");

  await dialog.getByRole("button", { name: `Remove ${PEOPLE.adele.name} as sponsor` }).click();
  await expect(
    dialog.getByText(`Remove ${PEOPLE.adele.name} as a sponsor of ${GUEST.name}?`),
  ).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Remove sponsor" }).click();
  await expect(dialog.getByText(`${PEOPLE.adele.name} is no longer a sponsor.`)).toBeVisible();
  await expect(current).not.toContainText(PEOPLE.adele.name);

  const stored = (await tenant.user(GUEST.id)) as { sponsorIds?: string[] };
  const isaiah = (await tenant.user("isaiah")) as { id: string };
  expect(stored.sponsorIds).toEqual([isaiah.id]);

  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("tab", { name: "Changes to guests" }).click();
  await expect(page.getByRole("heading", { name: "Changes to guests", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Changes to guests, newest first" });
  const added = table.getByRole("row", { name: /Sponsor added/ });
  const removed = table.getByRole("row", { name: /Sponsor removed/ });
  await expect(added).toContainText(GUEST.name);
  await expect(added).toContainText("Isaiah Langer");
  await expect(added).toContainText(PEOPLE.megan.name);
  await expect(added).toContainText("Succeeded");
  await expect(removed).toContainText(PEOPLE.adele.name);
  await expect(removed).toContainText(PEOPLE.megan.name);
  await expectAccessible(page);
});

test("in Spanish, the dialog and the Changes view speak Spanish", async ({
  page,
  context,
  tenant,
}) => {
  void tenant;
  await signInAs(page, "nestor");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: page.url() }]);
  await page.reload();
  await page.getByRole("link", { name: "Invitaciones pendientes" }).click();
  const search = page.getByLabel("Buscar por nombre o correo");
  await search.fill("pending.guest");
  await search.press("Enter");
  await guestRow(page)
    .getByRole("button", { name: `Patrocinadores de ${GUEST.name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Patrocinadores de ${GUEST.name}` });
  await expect(dialog.getByRole("list", { name: "Patrocinadores actuales" })).toContainText(
    PEOPLE.adele.name,
  );
  await expect(dialog.getByRole("combobox", { name: "Añadir un patrocinador" })).toBeVisible();
  await expect(
    dialog.getByRole("button", { name: `Quitar a ${PEOPLE.adele.name} como patrocinador` }),
  ).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cerrar" }).click();

  await page.getByRole("link", { name: "Historial" }).click();
  await page.getByRole("tab", { name: "Cambios en invitados" }).click();
  await expect(page.getByRole("heading", { name: "Cambios en invitados", level: 1 })).toBeVisible();
  await expect(page.getByTestId("changes-scope")).toHaveText(
    "Como soporte técnico o administrador, ves los cambios de todos.",
  );
  await expect(page.getByRole("combobox", { name: "Qué" })).toBeVisible();
  await expectAccessible(page);
});

test("a team lead does not see the button, and a direct call of the action is refused", async ({
  page,
  request,
  tenant,
}) => {
  await signInAs(page, "adele");
  await openPending(page);
  await expect(guestRow(page).getByRole("button", { name: /Resend/ })).toBeVisible();
  await expect(guestRow(page).getByRole("button", { name: /Sponsors/ })).toHaveCount(0);

  const token = await tenant.token({ user: "adele", audience: "portal-api" });
  const isaiah = (await tenant.user("isaiah")) as { id: string };
  for (const name of ["addGuestSponsorAction", "removeGuestSponsorAction"]) {
    const id = await serverActionId(name, "components/sponsors/actions.ts");
    const answer = await callServerAction(request, "/pending", id, [
      token,
      { guestUserId: GUEST.id, sponsorId: isaiah.id },
    ]);
    expect(answer).toContain('"code":"forbidden"');
  }
  const stored = (await tenant.user(GUEST.id)) as { sponsorIds?: string[] };
  const adele = (await tenant.user("adele")) as { id: string };
  expect(stored.sponsorIds).toEqual([adele.id]);
  expect(await tenant.requests({ path: `/v1.0/users/${GUEST.id}/sponsors/$ref` })).toHaveLength(0);
});
