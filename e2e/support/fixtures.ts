import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { localTenant, PEOPLE, type PersonKey } from "./local-tenant";

type Fixtures = {
  /** The local tenant's control API, reset to the minimal seed before each test. */
  tenant: ReturnType<typeof localTenant>;
  /** Every page of every test runs under the portal's Content-Security-Policy: none may be violated. */
  contentSecurityPolicy: void;
};

export const test = base.extend<Fixtures>({
  tenant: async ({ request }, use) => {
    const tenant = localTenant(request);
    await tenant.reset("minimal");
    await use(tenant);
  },
  contentSecurityPolicy: [
    async ({ context }, use) => {
      const violations: string[] = [];
      // Chromium reports each blocked script, style, frame or connection on the console.
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) violations.push(message.text());
      });
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Signs in through the real MSAL redirect flow: the portal's Sign in button, the local tenant's
 * account picker, back through the redirect bridge, until the account menu shows the person.
 */
export async function signInAs(page: Page, person: PersonKey, path = "/"): Promise<void> {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: new RegExp(PEOPLE[person].name) }).click();
  await expect(page.getByRole("button", { name: `Account: ${PEOPLE[person].name}` })).toBeVisible({
    timeout: 40_000,
  });
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map(
      (violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(" | ")}`,
    ),
  ).toEqual([]);
}
