// Portal checks: a reader opens the 2023 notice from the home page, sees its date, view count
// and attachments, downloads one under its Chinese name, searches 工会, and the pages fit a phone.
export default async function portal({ url, accounts, browser, check, expect, tmp, PHONE_WIDTH, logIn }) {
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
  await editorialChecks({ url, accounts, browser, check, expect, tmp, PHONE_WIDTH, logIn });
}

// The editor's desk: binhai_editor writes a notice with an attachment and submits it,
// binhai_approver publishes it from the queue, a reader finds it in 通知公告 and downloads the
// attachment under its Chinese name; the desk pages fit a phone. The editor's browser runs no
// JavaScript: the desk is plain forms.
async function editorialChecks({ url, accounts, browser, check, expect, tmp, PHONE_WIDTH, logIn }) {
  const fs = await import("node:fs");
  const title = "关于报送第三季度线下活动统计表的通知";
  const fileName = "附件1-线下活动统计表.pdf";
  const filePath = `${tmp}/${fileName}`;
  fs.writeFileSync(filePath, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  let deskUrl = "";

  await check("portal desk: binhai_editor writes a notice with an attachment and submits it, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(url + "/login");
    await page.getByLabel("用户名").fill("binhai_editor");
    await page.getByLabel("密码", { exact: true }).fill(accounts.get("binhai_editor"));
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/login")),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    await page.getByRole("link", { name: "稿件管理" }).first().click();
    await page.getByRole("link", { name: "撰写稿件" }).click();
    await page.locator("#article-title").fill(title);
    await page.locator("#article-column").selectOption("notices");
    await page.locator("#article-body").fill("各单位:\n\n请于**12月5日**前报送统计表,模板见附件。");
    await page.getByRole("button", { name: "预览" }).click();
    const preview = await page.locator(".desk-preview strong").innerText();
    expect(preview === "12月5日", `preview shows ${preview}`);
    await Promise.all([
      page.waitForURL(/\/desk\/articles\/\d+\?done=saved$/),
      page.getByRole("button", { name: "保存稿件" }).click(),
    ]);
    deskUrl = page.url().replace(/\?.*$/, "");
    await page.locator("#attachment-file").setInputFiles(filePath);
    await Promise.all([page.waitForURL(/done=attached/), page.getByRole("button", { name: "上传", exact: true }).click()]);
    const listed = await page.locator(".desk-attachments").innerText();
    expect(listed.includes(fileName), `attachment not listed: ${listed}`);
    await Promise.all([page.waitForURL(/done=submitted/), page.getByRole("button", { name: "提交审核" }).click()]);
    const state = await page.locator(".details-list .tag").innerText();
    expect(state === "待审核", `state after submitting: ${state}`);
    await context.close();
  });

  await check("portal desk: binhai_approver publishes it from the queue", async () => {
    const { context, page } = await logIn("binhai_approver");
    await page.goto(url + "/desk/queue");
    await page.getByRole("link", { name: title }).first().click();
    await Promise.all([page.waitForURL(/done=published/), page.getByRole("button", { name: "审核发布" }).click()]);
    const state = await page.locator(".details-list .tag").innerText();
    expect(state === "已发布", `state after publishing: ${state}`);
    await context.close();
  });

  await check("portal desk: the notice is in 通知公告 and its attachment downloads with its Chinese name", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(url + "/notices");
    await page.getByRole("link", { name: title }).first().click();
    await page.waitForURL(/\/articles\/\d+$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".attachments a", { hasText: fileName }).click(),
    ]);
    const name = download.suggestedFilename();
    expect(name === fileName, `download name is ${name}`);
    const saved = `${tmp}/downloaded.pdf`;
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString("latin1") === "%PDF-", "not the uploaded PDF");
    await context.close();
  });

  await check(`portal desk: the desk pages fit a ${PHONE_WIDTH}px phone`, async () => {
    const { context, page } = await logIn("binhai_approver");
    await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
    for (const p of [url + "/desk/articles", url + "/desk/queue", deskUrl, deskUrl + "/edit", deskUrl + "/history"]) {
      await page.goto(p);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= PHONE_WIDTH, `${p}: ${width}px wide at a ${PHONE_WIDTH}px viewport`);
    }
    await context.close();
  });
}
