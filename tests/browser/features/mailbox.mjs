// The chairman's mailbox in a browser: a worker writes a letter on a phone-sized screen and notes
// the tracking code and secret; the district's admin accepts it, replies and closes it; the
// worker queries the letter with code and secret and sees the reply. No step needs JavaScript; with
// it, a file over the limit is refused in the page before the letter is sent.
export default async function mailbox({ url, browser, check, expect, logIn, STEP_TIMEOUT_MS, PHONE_WIDTH }) {
  let code = "";
  let secret = "";

  const phone = await browser.newContext({ locale: "zh-CN", viewport: { width: PHONE_WIDTH, height: 740 } });
  phone.setDefaultTimeout(STEP_TIMEOUT_MS);
  const writer = await phone.newPage();

  await check("mailbox: a worker writes a letter and gets a code and a secret", async () => {
    await writer.goto(url + "/mailbox");
    await writer.getByLabel("建议").check();
    await writer.getByLabel("姓名").fill("王芳");
    await writer.getByLabel("联系电话").fill("13900001111");
    await writer.getByLabel("工作单位").fill("新河港口服务有限公司");
    await writer.getByLabel("标题").fill("建议增加职工书屋开放时间");
    await writer.getByLabel("来信内容").fill("职工书屋周末不开放,倒班职工很难借到书,建议周末也开放。");
    // A file over the limit is refused in the page before anything is sent; the text stays.
    const files = writer.locator("#letter-files");
    await files.setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    await writer.getByRole("button", { name: "提交来信" }).click();
    const refusal = await files.evaluate((input) => input.validationMessage);
    expect(refusal.includes("超过 5 MB"), `a 6 MB file was not refused in the page: ${refusal}`);
    expect(new URL(writer.url()).pathname === "/mailbox", `the form was sent: ${writer.url()}`);
    const kept = await writer.getByLabel("来信内容").inputValue();
    expect(kept.includes("职工书屋"), "the letter's text was lost");
    await files.setInputFiles([]);
    await writer.getByRole("button", { name: "提交来信" }).click();
    await writer.waitForSelector("#letter-code");
    code = (await writer.textContent("#letter-code")).trim();
    secret = (await writer.textContent("#letter-secret")).trim();
    expect(/^XJ\d{6}[2-9A-Z]{4}$/.test(code), `tracking code looks wrong: ${code}`);
    expect(secret.length === 32, "secret is not shown");
    expect(!writer.url().includes(secret), "the secret is in the URL");
    const width = await writer.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= PHONE_WIDTH, `receipt is ${width}px wide on a phone`);
  });

  await check("mailbox: the writer queries the letter with code and secret", async () => {
    await writer.goto(url + "/mailbox/track");
    await writer.getByLabel("查询码").fill(code);
    await writer.getByLabel("查询密码").fill(secret);
    await writer.getByRole("button", { name: "查询" }).click();
    await writer.waitForSelector("#letter-state");
    expect((await writer.textContent("#letter-state")).includes("待审查"), "state is not 待审查");
    expect(!writer.url().includes(secret), "the secret is in the URL");
  });

  await check("mailbox: the district admin accepts, replies and closes the letter", async () => {
    const { context, page } = await logIn("binhai_admin");
    try {
      await page.goto(url + "/admin/letters");
      await page.getByRole("link", { name: code }).click();
      expect((await page.textContent("#letter-phone")).includes("13900001111"), "full phone not shown");
      await page.getByRole("button", { name: "受理", exact: true }).click();
      await page.waitForSelector("#reply-form");
      await page.getByLabel("答复内容(支持 Markdown)").fill("您好,职工书屋**自下月起周六开放**。感谢您的建议!");
      await page.getByRole("button", { name: "保存答复" }).click();
      await page.waitForSelector("#close-form");
      await page.getByRole("button", { name: "办结", exact: true }).click();
      await page.waitForFunction(() => document.querySelector("#letter-state")?.textContent.includes("已办结"));
    } finally {
      await context.close();
    }
  });

  await check("mailbox: the writer sees the reply", async () => {
    await writer.goto(url + "/mailbox/track");
    await writer.getByLabel("查询码").fill(code);
    await writer.getByLabel("查询密码").fill(secret);
    await writer.getByRole("button", { name: "查询" }).click();
    await writer.waitForSelector("#letter-reply");
    const reply = await writer.innerHTML("#letter-reply");
    expect(reply.includes("<strong>自下月起周六开放</strong>"), `reply not shown: ${reply}`);
    expect((await writer.textContent("#letter-state")).includes("已办结"), "state is not 已办结");
  });

  await phone.close();
}
