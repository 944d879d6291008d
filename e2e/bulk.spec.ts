import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";

const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n"), "utf8") };
}

test("upload good, bad and duplicate rows, confirm, watch to the end and download the results", async ({
  page,
  tenant,
}) => {
  const id = stamp();
  const good = [`ana.${id}@fabrikam.com`, `ben.${id}@litware.example`, `cy.${id}@adatum.example`];
  await signInAs(page, "adele", "/bulk");
  await expect(page.getByRole("heading", { name: "Bulk invitations", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(
      csvFile("partners.csv", [
        "email,displayName,sendEmail,message",
        `${good[0]},Ana Ruiz,false,"Hello, Ana"`,
        `${good[1]},Ben,false,`,
        "plus+tag@fabrikam.com,Plus,false,",
        `${good[0]!.toUpperCase()},Ana again,false,`,
        `${good[2]},"Cy, Jr.",false,=cmd`,
      ]),
    );
  await expect(
    page.getByRole("heading", { name: "Check partners.csv before sending" }),
  ).toBeVisible();
  await expect(page.getByText("3 rows ready to send")).toBeVisible();
  await expect(page.getByText("1 row with problems")).toBeVisible();
  await expect(page.getByText("1 repeated address")).toBeVisible();
  await expect(page.getByText("The same address is already in row 2.")).toBeVisible();
  await expect(page.getByText(/plus sign/)).toBeVisible();
  await expect(page.getByText("Nothing has been sent yet.")).toBeVisible();
  await expectAccessible(page);
  expect(await tenant.invitations(good[0])).toHaveLength(0);

  await page.getByRole("button", { name: "Send 3 invitations" }).click();
  await expect(page).toHaveURL(/\/bulk\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status")).toHaveText(
    "Finished: 3 invitations sent, 0 failed.",
    { timeout: 30_000 },
  );
  await expect(page.getByRole("progressbar", { name: "Invitations sent" })).toHaveAttribute(
    "aria-valuenow",
    "3",
  );
  await expect(page.getByTestId("count-skipped")).toHaveText("2");
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download results (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("partners-results.csv");
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\ufeff/, "");
  const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(header).toEqual([
    "email",
    "displayName",
    "sendEmail",
    "message",
    "Status",
    "Error",
    "Graph request ID",
    "User ID",
    "Redeem URL",
  ]);
  expect(rows.map((row) => row[4])).toEqual(["Sent", "Sent", "Skipped", "Skipped", "Sent"]);
  expect(rows[0]?.[3]).toBe("Hello, Ana");
  expect(rows[4]?.[3]).toBe("'=cmd");
  for (const row of [rows[0], rows[1], rows[4]]) {
    expect(row?.[6]).not.toBe("");
    expect(row?.[8]).toContain("redeem");
  }
  expect(rows[3]?.[5]).toBe("The same address is already in row 2.");
  expect(rows[2]?.[5]).toContain("plus sign");

  for (const address of good) expect(await tenant.invitations(address)).toHaveLength(1);
  expect(await tenant.invitations("plus+tag@fabrikam.com")).toHaveLength(0);

  await page.getByRole("link", { name: "All bulk jobs" }).click();
  await expect(page.getByRole("link", { name: "partners.csv" })).toBeVisible();
});

test("keeps going while the tenant throttles, and sends each row once", async ({
  page,
  tenant,
}) => {
  const id = stamp();
  const addresses = Array.from({ length: 5 }, (_, index) => `t${index}.${id}@fabrikam.com`);
  await tenant.injectFault({
    path: "/v1.0/invitations",
    method: "POST",
    kind: "status",
    status: 429,
    retryAfterSeconds: 1,
    count: 8,
  });
  await signInAs(page, "adele", "/bulk");
  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(
      csvFile("throttled.csv", ["email,sendEmail", ...addresses.map((a) => `${a},false`)]),
    );
  await page.getByRole("button", { name: "Send 5 invitations" }).click();
  await expect(page.getByTestId("job-status")).toHaveText(
    "Finished: 5 invitations sent, 0 failed.",
    { timeout: 45_000 },
  );
  const throttled = (await tenant.requests({ path: "/v1.0/invitations" })).filter(
    (entry) => entry.status === 429,
  );
  expect(throttled.length).toBe(8);
  for (const address of addresses) expect(await tenant.invitations(address)).toHaveLength(1);
});

test("a person whose tenant restricts invitations sees why in every row", async ({
  page,
  tenant,
}) => {
  void tenant;
  const id = stamp();
  await signInAs(page, "pradeep", "/bulk");
  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(
      csvFile("restricted.csv", [
        "email,displayName,sendEmail",
        `ana.${id}@fabrikam.com,Ana,false`,
        `ben.${id}@fabrikam.com,Ben,false`,
      ]),
    );
  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  await expect(page.getByTestId("job-status")).toHaveText(
    "Finished: 0 invitations sent, 2 failed.",
    { timeout: 30_000 },
  );
  await expect(page.getByText("Your organization doesn’t allow you to invite guests.")).toHaveCount(
    2,
  );
  await expect(page.getByText(/session has expired|sign in again/i)).toHaveCount(0);
});

test("refuses a file without an e-mail column with a clear message", async ({ page, tenant }) => {
  void tenant;
  await signInAs(page, "adele", "/bulk");
  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(csvFile("names.csv", ["name,company", "Ana,Fabrikam"]));
  await expect(
    page.getByRole("alert").filter({ hasText: "names.csv can’t be used" }),
  ).toContainText("No column holds the e-mail addresses");
});

test("cancelling asks first, then stops the rows not yet sent", async ({ page, tenant }) => {
  const id = stamp();
  await tenant.updateSettings({ latencyMs: { invitations: 1500 } });
  await signInAs(page, "adele", "/bulk");
  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(
      csvFile("slow.csv", [
        "email,sendEmail",
        ...Array.from({ length: 40 }, (_, index) => `s${index}.${id}@fabrikam.com,false`),
      ]),
    );
  await page.getByRole("button", { name: "Send 40 invitations" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("Sending invitations…");
  await page.getByRole("button", { name: "Cancel job" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this job?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.getByTestId("job-status")).toHaveText(
    "Cancelled. Rows not sent yet were not sent.",
  );
  const sent = (await tenant.invitations()).filter((invitation) =>
    invitation.invitedUserEmailAddress.includes(id),
  );
  expect(sent.length).toBeLessThan(40);
});

/** Two of Adele's groups in the local tenant's seed (emulator/src/store/seed.ts, SEED_GROUPS). */
const ADELE_GROUPS = {
  partnerProjects: {
    id: "9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01",
    displayName: "Marketing Partner Projects",
  },
  campaignReview: { id: "9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02", displayName: "Campaign Review" },
};

test("a groups column adds each invited guest to the owner's groups, shown in the rows and the results", async ({
  page,
  tenant,
}, testInfo) => {
  const id = stamp();
  const both = [`g1.${id}@fabrikam.com`, `g2.${id}@fabrikam.com`];
  const { partnerProjects, campaignReview } = ADELE_GROUPS;
  await signInAs(page, "adele", "/bulk");
  await expect(page.getByText(/groups \(group ids separated by/)).toBeVisible();
  await page
    .getByLabel("Choose a CSV file")
    .setInputFiles(
      csvFile("grouped.csv", [
        "email,sendEmail,groups",
        `${both[0]},false,${partnerProjects.id};${campaignReview.id}`,
        `${both[1]},false,${campaignReview.id}`,
        `bad.${id}@fabrikam.com,false,not-a-group`,
      ]),
    );
  await expect(page.getByText("2 rows ready to send")).toBeVisible();
  await expect(page.getByText("Groups: A chosen group isn’t valid. Remove it.")).toBeVisible();
  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  await expect(page.getByTestId("job-status")).toHaveText(
    "Finished: 2 invitations sent, 0 failed.",
    { timeout: 30_000 },
  );

  const guestIds: string[] = [];
  for (const address of both) {
    const [sent] = await tenant.invitations(address);
    guestIds.push((sent as unknown as { userId: string }).userId);
  }
  await expect
    .poll(async () => (await tenant.group(campaignReview.id)).memberIds)
    .toEqual(expect.arrayContaining(guestIds));
  const partners = (await tenant.group(partnerProjects.id)).memberIds;
  expect(partners).toContain(guestIds[0]);
  expect(partners).not.toContain(guestIds[1]);

  const table = page.getByRole("table", { name: "Each row’s outcome" });
  await expect(table.getByRole("columnheader", { name: "Groups" })).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(both[0]!) })).toContainText(
    `${partnerProjects.displayName}: added`,
  );
  await expect(table.getByRole("row", { name: new RegExp(both[1]!) })).toContainText(
    `${campaignReview.displayName}: added`,
  );
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("bulk-groups-en.png"), fullPage: true });

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download results (CSV)" }).click();
  const text = (await readFile((await (await downloading).path())!, "utf8")).replace(/^\ufeff/, "");
  const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(header?.at(-1)).toBe("Groups");
  expect(rows.map((row) => row.at(-1))).toEqual([
    `${partnerProjects.displayName}: added; ${campaignReview.displayName}: added`,
    `${campaignReview.displayName}: added`,
    "not-a-group: not added",
  ]);

  // The same page in Spanish, and at a phone's width.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: page.url() }]);
  await page.reload();
  await expect(
    page.getByRole("table").getByRole("row", { name: new RegExp(both[0]!) }),
  ).toContainText(`${partnerProjects.displayName}: agregado`);
  await page.screenshot({ path: testInfo.outputPath("bulk-groups-es.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("bulk-groups-narrow.png"), fullPage: true });
});
