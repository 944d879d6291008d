import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

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
