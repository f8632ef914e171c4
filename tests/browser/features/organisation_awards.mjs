// Organisation awards (优秀组织奖), on a phone: Binhai's admin opens the ranking of the units below
// Binhai from the campaign's menu, moves a unit out of the proposed list with a reason, confirms,
// and finds each awarded unit's certificate with its verification code, which the public
// certificate check vouches for. The pages are then checked with axe-core.
import { pageAudit } from "../axe.mjs";

export default async function organisationAwards(harness) {
  const { url, check, expect, logIn, PHONE_WIDTH } = harness;
  const { audit, report } = pageAudit(harness);
  const phoneSize = { width: PHONE_WIDTH, height: 740 };
  let awardsUrl = "";
  let code = "";

  await check("organisation awards: Binhai's admin moves a unit out with a reason and confirms",
    async () => {
      const { context, page } = await logIn("binhai_admin", { viewport: phoneSize });
      await page.goto(url + "/campaigns/2");
      await page.getByRole("navigation", { name: "活动导航" })
        .getByRole("link", { name: "优秀组织奖" }).click();
      await page.getByRole("heading", { level: 1, name: /优秀组织奖评定/ }).waitFor();
      awardsUrl = page.url();
      const rows = page.locator("#organisation-ranking tbody tr");
      expect(await rows.count() >= 4, "the ranking lists Binhai's units");
      const awarded = page.locator("#organisation-ranking tbody tr", { hasText: "获奖" });
      const before = await awarded.count();
      const first = (await awarded.first().locator("th").innerText()).trim();
      await page.getByLabel("单位", { exact: true }).selectOption({ label: `${first}(在名单中)` });
      await page.getByLabel("调出获奖名单").check();
      await page.getByLabel("原因").fill("该单位活动报告有两份经核查数据不实,取消评选资格");
      await Promise.all([
        page.waitForURL(/done=organisation_moved/),
        page.getByRole("button", { name: "调整", exact: true }).click(),
      ]);
      await page.getByText("已调整获奖名单").waitFor();
      expect(await awarded.count() === before - 1, "the unit left the list");
      await page.locator("#organisation-moves").getByText("取消评选资格").waitFor();
      await Promise.all([
        page.waitForURL(/done=organisation_confirmed/),
        page.getByRole("button", { name: "确认优秀组织奖名单" }).click(),
      ]);
      const certificates = page.locator("#organisation-certificates li");
      expect(await certificates.count() === before - 1, "each awarded unit has a certificate");
      const text = await certificates.first().innerText();
      code = (text.match(/核验码 ([0-9A-Z-]+)/) || [])[1] || "";
      expect(code.length === 19, `the certificate's code reads "${code}"`);
      await context.close();
    });

  await check("organisation awards: the public certificate check vouches for the unit's code",
    async () => {
      expect(code, "no certificate was issued");
      const { context, page } = await logIn("teda_admin", { viewport: phoneSize });
      await page.goto(url + "/certificates?code=" + code);
      await page.getByText("证书真实有效").waitFor();
      await page.locator("#award-tier").getByText("优秀组织奖").waitFor();
      await context.close();
    });

  await check("organisation awards: axe finds no WCAG 2.1 A/AA violations on the page",
    async () => {
      expect(awardsUrl, "the page was not reached");
      const { context, page } = await logIn("binhai_admin", { viewport: phoneSize, bypassCSP: true });
      await page.goto(awardsUrl);
      await audit(page, "a confirmed list with its certificates");
      await page.getByRole("button", { name: "撤销确认" }).click();
      await page.getByText("已撤销确认").waitFor();
      await audit(page, "a draft list with its forms");
      await context.close();
      report("organisation awards");
    });
}
