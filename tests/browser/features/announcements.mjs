// Public notices (公示), on a phone, under the site's real Content-Security-Policy: a visitor opens
// the running notice from the menu and objects under a real name (the browser solves the
// proof-of-work challenge), keeping the code the receipt shows; the city's admin answers the
// objection; the visitor reads the answer with the code. The notice's pages are then checked with
// axe-core.
import { pageAudit } from "../axe.mjs";

const NOTICE = /普惠服务优秀平台征集拟获奖作品名单公示/;
const REPLY = "经核实,该平台的维权栏目确有未注明出处的转载,撤销其拟获奖资格。";

export default async function announcements(harness) {
  const { url, check, expect, browser, logIn, STEP_TIMEOUT_MS, PHONE_WIDTH } = harness;
  const { audit, report } = pageAudit(harness);
  const phoneSize = { width: PHONE_WIDTH, height: 740 };
  let noticeUrl = "";
  let code = "";

  async function phone(bypassCSP) {
    const context = await browser.newContext({ locale: "zh-CN", viewport: phoneSize, bypassCSP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    return { context, page, errors };
  }

  // Fills the objection form of the notice page and submits it; resolves to the receipt's code.
  async function object(page, name) {
    await page.getByLabel("对哪件作品提出异议").selectOption({ index: 2 });
    await page.getByLabel("异议理由").fill("该平台“维权服务”栏目的文章多转载自其他网站,未注明出处。");
    await page.getByLabel("真实姓名").fill(name);
    await page.getByLabel("联系电话").fill("13812345678");
    await page.getByRole("checkbox", { name: /我不是机器人/ }).click();
    await page.getByText("验证通过").first().waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 201),
      page.getByRole("button", { name: "提交异议" }).click(),
    ]);
    await page.getByRole("heading", { level: 1, name: "异议已提交" }).waitFor();
    return (await page.locator("#objection-code").innerText()).trim();
  }

  await check("announcements: on a phone, a visitor opens the running notice from the menu and " +
    "objects under a real name, keeping the code", async () => {
    const { context, page, errors } = await phone(false);
    await page.goto(url + "/");
    await page.getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "公示公告", exact: true }).click();
    await page.getByRole("link", { name: NOTICE }).click();
    await page.getByRole("heading", { level: 1, name: NOTICE }).waitFor();
    noticeUrl = page.url();
    const left = Number(await page.locator("#days-left").innerText());
    expect(left >= 1, `the notice shows ${left} working days left`);
    code = await object(page, "李明");
    expect(/^YY\d{6}[2-9A-HJKMNP-Z]{8}$/.test(code), `the code reads "${code}"`);
    expect(!errors.length, `the page reported: ${errors.join("; ")}`);
    await context.close();
  });

  await check("announcements: the city's admin sees the full phone number and upholds the " +
    "objection with a reason", async () => {
    expect(noticeUrl, "the visitor did not reach the notice");
    const { context, page } = await logIn("tianjin_admin", { viewport: phoneSize });
    await page.goto(noticeUrl);
    await page.getByRole("link", { name: "处理异议" }).click();
    const section = page.locator("section.panel", { hasText: "李明" }).first();
    await section.getByText("13812345678").waitFor();
    await section.getByLabel("成立", { exact: true }).check();
    await section.getByLabel("异议成立时,作品如何处理").selectOption("withdrawn");
    await section.getByLabel("答复(将告知提出人)").fill(REPLY);
    await Promise.all([
      page.waitForURL(/done=objection_answered/),
      section.getByRole("button", { name: "提交答复" }).click(),
    ]);
    await page.getByText("答复已保存").waitFor();
    await context.close();
  });

  await check("announcements: the visitor reads the answer with the code, the phone masked",
    async () => {
      expect(code, "the visitor has no code");
      const { context, page, errors } = await phone(false);
      await page.goto(noticeUrl);
      await page.getByRole("link", { name: "查询答复" }).first().click();
      await page.getByLabel("查询码").fill(code.toLowerCase());
      await page.getByRole("button", { name: "查询" }).click();
      await page.locator("#objection-result").getByText("异议成立").waitFor();
      const reply = await page.locator("#objection-reply").innerText();
      expect(reply.includes(REPLY), `the answer reads "${reply}"`);
      const text = await page.locator("#objection-answer").innerText();
      expect(text.includes("138****5678") && !text.includes("13812345678"),
        "the objector's page shows the full phone number");
      expect(!errors.length, `the page reported: ${errors.join("; ")}`);
      await context.close();
    });

  await check("announcements: axe finds no WCAG 2.1 A/AA violations on the notice's pages",
    async () => {
      expect(noticeUrl && code, "the notice's pages were not reached");
      const { context, page } = await phone(true);
      await page.goto(url + "/announcements");
      await audit(page, "the notices");
      await page.goto(noticeUrl);
      await audit(page, "a running notice with its objection form");
      await object(page, "王芳");
      await audit(page, "the objection's receipt");
      await page.goto(url + "/objections");
      await page.getByLabel("查询码").fill(code);
      await page.getByRole("button", { name: "查询" }).click();
      await page.locator("#objection-result").waitFor();
      await audit(page, "an answered objection");
      await context.close();
      const admin = await logIn("tianjin_admin", { viewport: phoneSize, bypassCSP: true });
      await admin.page.goto(noticeUrl + "/objections");
      await audit(admin.page, "the admins' objections page");
      await admin.context.close();
      report("notice");
    });
}
