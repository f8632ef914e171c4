// Campaign: a town admin files an offline activity report through the form, the district admin
// approves it, and the district's dashboard counts it at once; the dashboard fits a phone.
export default async function campaignChecks({ url, check, expect, logIn, PHONE_WIDTH }) {
  const name = "浏览器测试线下活动" + Date.now().toString(36).slice(-5);
  let reportUrl = "";

  const xinheActivities = async (page) => {
    await page.goto(url + "/api/v1/campaigns/2/dashboard?unit=binhai");
    const d = JSON.parse(await page.locator("body").innerText());
    const row = d.children.find((c) => c.code === "bh_xinhe");
    return row.cells.find((c) => c.metric === "offline_activities").approved;
  };

  let before = 0;
  await check("campaign: a town admin files and submits an activity report", async () => {
    const { context, page } = await logIn("xinhe_admin");
    try {
      await page.goto(url + "/campaigns/2");
      await page.locator("#my-countdown").waitFor();
      await page.getByRole("link", { name: "线下活动报告" }).first().click();
      await page.locator("#new-report").click();
      await page.getByLabel("活动名称", { exact: true }).fill(name);
      await page.getByLabel("活动日期", { exact: true }).fill("2026-11-20");
      await page.getByLabel("活动地点", { exact: true }).fill("新河街道职工之家");
      await page.getByLabel("活动形式", { exact: true }).selectOption("知识竞赛");
      await page.getByLabel("网络安全知识", { exact: true }).check();
      await page.getByLabel("参与人数", { exact: true }).fill("66");
      await page.getByLabel("发展好网民宣传员(人)", { exact: true }).fill("3");
      await Promise.all([page.waitForURL(/done=report_submitted/), page.locator("#save-and-submit").click()]);
      const state = await page.locator("#report-state").innerText();
      expect(state.includes("待审核"), `state is "${state}"`);
      reportUrl = page.url().split("?")[0];
    } finally {
      await context.close();
    }
  });

  await check("campaign: the district admin approves it and the dashboard counts it", async () => {
    const { context, page } = await logIn("binhai_admin");
    try {
      before = await xinheActivities(page);
      await page.goto(reportUrl);
      await Promise.all([page.waitForURL(/done=report_approved/), page.locator("#approve-report").click()]);
      expect((await page.locator("#report-state").innerText()).includes("审核通过"), "not approved");
      expect((await xinheActivities(page)) === before + 1, "the dashboard did not count the approval");
      await page.goto(url + "/campaigns/2/dashboard?unit=binhai");
      const cell = await page.locator('#children-progress tr[data-unit="bh_xinhe"]').innerText();
      expect(cell.includes(`${before + 1} /`), `row reads "${cell}"`);
      await page.locator("#completeness").waitFor();
      await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
      await page.goto(url + "/campaigns/2/dashboard?unit=binhai");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 1, `the dashboard is ${overflow}px wider than the phone`);
    } finally {
      await context.close();
    }
  });

  await check("campaign: the approved report is locked for the town", async () => {
    const { context, page } = await logIn("xinhe_admin");
    try {
      await page.goto(reportUrl);
      expect((await page.locator("#edit-report").count()) === 0, "an approved report offers editing");
    } finally {
      await context.close();
    }
  });
  await check("campaign: a district admin creates a campaign, sets its phases and adds a metric", async () => {
    const { context, page } = await logIn("binhai_admin");
    const campaignName = "浏览器测试活动" + Date.now().toString(36).slice(-5);
    try {
      await page.goto(url + "/campaigns");
      await page.locator("#new-campaign-link").click();
      await page.getByLabel("年度", { exact: true }).fill("2027");
      await page.getByLabel("活动名称", { exact: true }).fill(campaignName);
      await Promise.all([
        page.waitForURL(/done=campaign_created/),
        page.getByRole("button", { name: "创建活动" }).click(),
      ]);
      const dates = [["2027-06-01", "2027-08-05"], ["2027-08-06", "2027-09-30"], ["2027-10-01", "2027-11-30"]];
      for (const [i, [from, to]] of dates.entries()) {
        await page.locator(`#starts-on-${i + 1}`).fill(from);
        await page.locator(`#ends-on-${i + 1}`).fill(to);
      }
      await Promise.all([page.waitForURL(/done=phases_saved/), page.getByRole("button", { name: "保存阶段" }).click()]);
      expect((await page.locator("#starts-on-2").inputValue()) === "2027-08-06", "phase dates not kept");
      await page.locator("#new-metric-name").fill("走访困难职工");
      await page.locator("#new-metric-measure").fill("户");
      await Promise.all([page.waitForURL(/done=metric_added/), page.getByRole("button", { name: "增加指标" }).click()]);
      const metrics = await page.locator("#metrics").innerHTML();
      expect(metrics.includes("走访困难职工"), "the new metric is not listed");
    } finally {
      await context.close();
    }
  });
}
