// Portal checks: a reader opens the 2023 notice from the home page, sees its date, view count
// and attachments, downloads one under its Chinese name, searches 工会, and the pages fit a phone.
export default async function portal({ url, browser, check, expect, tmp, PHONE_WIDTH }) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const title = "关于组织参加2023年“网聚职工正能量 争做中国好网民”主题活动的通知";

  await check("portal: the 2023 notice opens from the home page with date, views and attachments", async () => {
    await page.goto(url + "/");
    await page.getByRole("link", { name: title }).first().click();
    await page.waitForURL(/\/articles\/\d+$/);
    expect((await page.locator("h1").innerText()).includes("2023年"), "notice title missing");
    const meta = await page.locator(".article-meta").innerText();
    expect(meta.includes("2023-06-21"), `publication date missing: ${meta}`);
    expect(/点击量:\d+/.test(meta), `view count missing: ${meta}`);
    const links = await page.locator(".attachments a").allInnerTexts();
    expect(links.length === 4, `expected 4 attachments, found ${links.length}`);
    expect(page.url().includes("/articles/"), "not on the article page");
    expect((await page.getByText("上一篇").count()) > 0, "previous/next links missing");
  });

  await check("portal: an attachment downloads under its Chinese name", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".attachments a").nth(1).click(),
    ]);
    const name = download.suggestedFilename();
    expect(name.startsWith("附件2") && name.endsWith(".xlsx"), `download name is ${name}`);
    const saved = `${tmp}/${name}`;
    await download.saveAs(saved);
    const fs = await import("node:fs");
    const head = fs.readFileSync(saved).subarray(0, 2).toString("latin1");
    expect(head === "PK", "the spreadsheet is not a zip (XLSX) file");
  });

  await check("portal: searching 工会 finds and highlights it without JavaScript", async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const p = await plain.newPage();
    await p.goto(url + "/");
    await p.getByLabel("站内搜索").fill("工会");
    await Promise.all([p.waitForURL(/\/search\?q=/), p.getByRole("button", { name: "搜索" }).first().click()]);
    const marks = await p.locator(".search-results mark").allInnerTexts();
    expect(marks.length > 0 && marks.every((m) => m === "工会"), `marks: ${marks.join(",")}`);
    await plain.close();
  });

  await check(`portal: notice, lists and search fit a ${PHONE_WIDTH}px phone`, async () => {
    await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
    const articleUrl = page.url();
    for (const p of [articleUrl, url + "/notices", url + "/news", url + "/search?q=%E5%B7%A5%E4%BC%9A"]) {
      await page.goto(p);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= PHONE_WIDTH, `${p}: ${width}px wide at a ${PHONE_WIDTH}px viewport`);
    }
  });

  await context.close();
}
