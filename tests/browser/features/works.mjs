// Works: a worker fills in and submits a work through the pages, the zone admin recommends it
// from the review queue, and the district sees it with the path it came by. Plain forms, no
// JavaScript needed. (The resumable video upload of this scenario is added once the upload
// service is on main.)
export default async function works({ url, check, expect, logIn, PHONE_WIDTH }) {
  const title = "浏览器测试作品" + Date.now().toString(36).slice(-5);

  await check("a worker fills in and submits a work", async () => {
    const { context, page } = await logIn("worker_zhang");
    try {
      await page.goto(url + "/works");
      await page.waitForURL(/\/campaigns\/\d+\/tracks/);
      await page.locator("#track-accounts").getByRole("link", { name: "报送作品" }).click();
      await page.locator("#work-title").fill(title);
      await page.locator("#field-platform").selectOption("微信");
      await page.locator("#field-account_id").fill("teda_test");
      await page.locator("#field-followers").fill("1200");
      await page.locator("#field-contact").fill("13800000000");
      await Promise.all([
        page.waitForURL(/\/works\/\d+\?done=work_saved/),
        page.getByRole("button", { name: "保存草稿" }).click(),
      ]);
      expect((await page.locator("#work-state").innerText()) === "草稿", "not a draft after saving");
      await Promise.all([
        page.waitForURL(/done=work_submitted/),
        page.locator("#submit-work").click(),
      ]);
      const state = await page.locator("#work-state").innerText();
      expect(state === "待审核", `state after submitting is "${state}"`);
      const position = await page.locator("#work-position").innerText();
      expect(position.includes("开发区"), `waits at "${position}"`);
    } finally {
      await context.close();
    }
  });

  await check("the zone admin recommends it from the review queue", async () => {
    const { context, page } = await logIn("teda_admin");
    try {
      await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
      await page.goto(url + "/campaigns/1/review");
      const card = page.locator("article.work-card", { hasText: title });
      await card.waitFor();
      await card.getByLabel("推荐", { exact: true }).check();
      await Promise.all([
        page.waitForURL(/done=work_decided/),
        card.getByRole("button", { name: "保存意见" }).click(),
      ]);
      await page.locator("#decided-works").getByText(title).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= PHONE_WIDTH, `review page is ${width}px wide on a phone`);
    } finally {
      await context.close();
    }
  });

  await check("the district sees the recommended work with its path", async () => {
    const { context, page } = await logIn("binhai_admin");
    try {
      await page.goto(url + "/campaigns/1/review");
      const card = page.locator("article.work-card", { hasText: title });
      await card.waitFor();
      const text = await card.innerText();
      expect(text.includes("天津经济技术开发区总工会"), "the path does not name the zone");
    } finally {
      await context.close();
    }
  });
}
