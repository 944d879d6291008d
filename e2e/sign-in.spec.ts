import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { PEOPLE, type PersonKey } from "./support/local-tenant";

test("a signed-out visitor sees the sign-in screen, not the form", async ({ page, tenant }) => {
  void tenant;
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to invite guests" })).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveCount(0);
  await expectAccessible(page);
});

test("sign in as the team lead, see name and UPN, sign out", async ({ page, tenant }) => {
  void tenant;
  await signInAs(page, "adele");
  await expect(page.getByRole("heading", { name: "Invite a guest" })).toBeVisible();
  await page.getByRole("button", { name: "Account: Adele Vance" }).click();
  await expect(page.getByTestId("account-upn")).toHaveText("adele@contoso.onmicrosoft.com");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to invite guests" })).toBeVisible();
});

const EVERYONE: PersonKey[] = ["adele", "lee", "isaiah", "pradeep", "megan", "nestor"];

for (const person of EVERYONE) {
  test(`${PEOPLE[person].name} signs in and reaches the invite form`, async ({ page, tenant }) => {
    void tenant;
    await signInAs(page, person);
    await expect(page.getByLabel("E-mail address")).toBeVisible();
    await page.getByRole("button", { name: `Account: ${PEOPLE[person].name}` }).click();
    await expect(page.getByTestId("account-upn")).toHaveText(PEOPLE[person].upn);
  });
}

test("an unknown address shows a translated 404 page with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to the invitation form" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to invite guests" })).toBeVisible();
});

test("the redirect bridge opened on its own explains itself", async ({ page }) => {
  await page.goto("/redirect");
  await expect(page.getByRole("heading", { name: "Sign-in could not be completed" })).toBeVisible();
  await expectAccessible(page);
});
