import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

// Invitations never accepted (issue 14): the stale seed adds pending guests invited 45, 75 and 120
// days ago to the minimal seed (emulator/README.md).
const STALE = [
  { id: "c0ffee00-0000-4000-8000-000000000045", name: "Stale Guest 45" },
  { id: "c0ffee00-0000-4000-8000-000000000075", name: "Stale Guest 75" },
  { id: "c0ffee00-0000-4000-8000-000000000120", name: "Stale Guest 120" },
];

async function openStale(page: Page, age: string) {
  await page.getByRole("link", { name: "Pending invitations" }).click();
  await expect(page.getByRole("heading", { name: "Pending invitations", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Invited" }).selectOption({ label: age });
  await expect(page.getByText("Loading pending invitations…")).toHaveCount(0, { timeout: 30_000 });
}

test("an administrator removes the stale guests, sees them gone, and restores one", async ({
  page,
  tenant,
}) => {
  await tenant.reset("stale");
  await signInAs(page, "megan");
  await openStale(page, "More than 30 days ago");
  await expect(
    page.getByRole("heading", { name: "3 guests invited more than 30 days ago and still pending" }),
  ).toBeVisible();
  for (const guest of STALE)
    await expect(page.getByRole("row", { name: new RegExp(guest.name) })).toBeVisible();
  await expect(page).toHaveURL(/age=30/);

  await page.getByRole("button", { name: "Remove all 3" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove 3 guests?" });
  await expect(dialog).toContainText("can be restored for 30 days");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Remove 3 guests" }).click();
  await expect(page.getByText("The removal job has started.")).toBeVisible();

  await page.getByRole("link", { name: "Follow its progress" }).click();
  await expect(page.getByRole("heading", { name: "Removal job", level: 1 })).toBeVisible();
  await expect(page.getByText(/^Finished/).first()).toBeVisible({ timeout: 60_000 });

  await openStale(page, "More than 30 days ago");
  await expect(page.getByRole("row", { name: /Stale Guest/ })).toHaveCount(0);
  const removed = page.getByRole("region", { name: "Recently removed" });
  for (const guest of STALE) await expect(removed.getByText(guest.name)).toBeVisible();
  await expect(removed.getByText("30 days left").first()).toBeVisible();

  await removed.getByRole("button", { name: "Restore Stale Guest 45" }).click();
  await expect(
    page.getByText("Stale Guest 45 is restored and back in the directory."),
  ).toBeVisible();
  expect((await tenant.user(STALE[0]!.id)).id).toBe(STALE[0]!.id);
  await page.getByRole("combobox", { name: "Invited" }).selectOption({ label: "Any time" });
  await openStale(page, "More than 30 days ago");
  await expect(page.getByRole("row", { name: /Stale Guest 45/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Stale Guest 75/ })).toHaveCount(0);
});

test("a reminder job paused and resumed sends each reminder once", async ({ page, tenant }) => {
  await tenant.reset("stale", { invitationRateLimit: { requests: 2, windowSeconds: 2 } });
  const invited = new Date(Date.now() - 50 * 86_400_000).toISOString();
  const emails = Array.from({ length: 12 }, (_, index) => `reminder${index}@litware.example`);
  for (const [index, email] of emails.entries())
    await tenant.addUser({
      email,
      displayName: `Reminder Guest ${index}`,
      createdDateTime: invited,
    });
  const everyone = [
    ...emails,
    "stale45.guest@litware.example",
    "stale75.guest@litware.example",
    "stale120.guest@tailspin.example",
  ];

  await signInAs(page, "adele");
  await openStale(page, "More than 30 days ago");
  await page.getByRole("button", { name: "Send reminder to all 15" }).click();
  await page
    .getByRole("dialog", { name: "Send a reminder to 15 guests?" })
    .getByRole("button", { name: "Send 15 reminders" })
    .click();
  await page.getByRole("link", { name: "Follow its progress" }).click();
  await expect(page.getByRole("heading", { name: "Reminder job", level: 1 })).toBeVisible();

  // Paused part-way: the throttled tenant lets two through every two seconds.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused. Nothing is sent until you resume.")).toBeVisible();
  const sentWhilePaused = async () => {
    let total = 0;
    for (const email of everyone) total += await tenant.emailsSent(email);
    return total;
  };
  const atPause = await sentWhilePaused();
  expect(atPause).toBeLessThan(everyone.length);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText(/^Finished/).first()).toBeVisible({ timeout: 90_000 });
  for (const email of everyone) expect(await tenant.emailsSent(email), email).toBe(1);
});

test("two guests ticked one by one get a reminder each, and no one else does", async ({
  page,
  tenant,
}) => {
  await tenant.reset("stale");
  const emails = {
    [STALE[0]!.name]: "stale45.guest@litware.example",
    [STALE[1]!.name]: "stale75.guest@litware.example",
    [STALE[2]!.name]: "stale120.guest@tailspin.example",
  };
  await signInAs(page, "adele");
  await openStale(page, "More than 30 days ago");
  await expect(page.getByRole("button", { name: "Send reminder to all 3" })).toBeVisible();

  const pageBox = page.getByRole("checkbox", { name: "Select every guest on this page" });
  await page.getByRole("checkbox", { name: "Select Stale Guest 45" }).check();
  await expect(page.getByText("1 selected", { exact: true })).toBeVisible();
  await expect(pageBox).not.toBeChecked();
  expect(await pageBox.evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true);
  await page.getByRole("checkbox", { name: "Select Stale Guest 120" }).check();
  await expect(page.getByText("2 selected", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reminder to all 3" })).toHaveCount(0);
  await expectAccessible(page);

  // The whole page, then nothing, then the two again.
  await pageBox.check();
  await expect(page.getByText("3 selected", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByRole("button", { name: "Send reminder to all 3" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select Stale Guest 45" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "Select Stale Guest 45" }).check();
  await page.getByRole("checkbox", { name: "Select Stale Guest 120" }).check();

  await page.getByRole("button", { name: "Send reminder to 2 selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a reminder to 2 guests?" });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Send 2 reminders" }).click();
  await expect(page.getByText("The reminder job has started.")).toBeVisible();
  await page.getByRole("link", { name: "Follow its progress" }).click();
  await expect(page.getByRole("heading", { name: "Reminder job", level: 1 })).toBeVisible();
  await expect(page.getByText("Finished: 2 reminders sent, 0 failed.")).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole("progressbar", { name: "Reminders sent" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Each row’s outcome" });
  await expect(rows.getByRole("row", { name: /Reminded/ })).toHaveCount(2);

  expect(await tenant.emailsSent(emails[STALE[0]!.name]!)).toBe(1);
  expect(await tenant.emailsSent(emails[STALE[1]!.name]!)).toBe(0);
  expect(await tenant.emailsSent(emails[STALE[2]!.name]!)).toBe(1);
});

test("a new filter starts with nothing ticked", async ({ page, tenant }) => {
  await tenant.reset("stale");
  await signInAs(page, "adele");
  await openStale(page, "More than 30 days ago");
  await page.getByRole("checkbox", { name: "Select Stale Guest 120" }).check();
  await expect(page.getByText("1 selected", { exact: true })).toBeVisible();
  await openStale(page, "More than 60 days ago");
  await expect(page.getByRole("button", { name: "Send reminder to all 2" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select Stale Guest 120" })).not.toBeChecked();
  await expect(page.getByText(/\d selected/)).toHaveCount(0);
});

test("ticked guests stay ticked across pages of the same filter", async ({ page, tenant }) => {
  await tenant.reset("stale");
  const invited = new Date(Date.now() - 40 * 86_400_000).toISOString();
  for (let index = 0; index < 25; index += 1)
    await tenant.addUser({
      email: `paging${index}@litware.example`,
      displayName: `Paging Guest ${index}`,
      createdDateTime: invited,
    });
  await signInAs(page, "adele");
  await openStale(page, "More than 30 days ago");
  await expect(page.getByRole("button", { name: "Send reminder to all 28" })).toBeVisible();
  const table = page.getByRole("table", { name: "Pending invitations" });
  const firstRowBox = table.getByRole("row").nth(1).getByRole("checkbox");
  const firstName = await firstRowBox.getAttribute("aria-label");
  await firstRowBox.check();

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  const secondPageBox = table.getByRole("row").nth(1).getByRole("checkbox");
  await expect(secondPageBox).not.toHaveAttribute("aria-label", firstName!);
  await secondPageBox.check();
  await expect(page.getByText("2 selected", { exact: true })).toBeVisible();
  // Only one of this page's guests is ticked.
  expect(
    await page
      .getByRole("checkbox", { name: "Select every guest on this page" })
      .evaluate((box: HTMLInputElement) => box.indeterminate),
  ).toBe(true);

  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(page.getByText("Page 1")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: firstName!, exact: true })).toBeChecked();
  await expect(page.getByRole("button", { name: "Send reminder to 2 selected" })).toBeVisible();
});

test("the clean-up speaks Spanish", async ({ page, tenant }) => {
  await tenant.reset("stale");
  await signInAs(page, "megan", "/pending?age=30");
  await page.getByLabel("Display language").selectOption("es");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(
    page.getByRole("heading", { name: "3 invitados hace más de 30 días y aún pendientes" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Quitar los 3" }).click();
  await expect(page.getByRole("dialog", { name: "¿Quitar 3 invitados?" })).toContainText(
    "restaurar durante 30 días",
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cancelar" }).click();
  await expect(page.getByRole("heading", { name: "Quitados recientemente" })).toBeVisible();

  await page.getByRole("checkbox", { name: "Seleccionar a Stale Guest 75" }).check();
  await expect(page.getByText("1 seleccionado", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Quitar 1 seleccionado" })).toBeVisible();
});
