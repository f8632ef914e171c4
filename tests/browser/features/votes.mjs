// The public vote, on a phone, under the site's real Content-Security-Policy: a visitor opens the
// live vote, signs up as a voter (the browser solves the proof-of-work challenge), votes for a
// work and sees its total go up by one, and is refused a second vote on the same work the same
// day with the rule and when to vote again. The vote's pages are then checked with axe-core.
import { pageAudit } from "../axe.mjs";

const VOTE = "正能量职工网络达人 网络投票";

export default async function votes(harness) {
  const { url, check, expect, browser, STEP_TIMEOUT_MS, PHONE_WIDTH } = harness;
  const { audit, report } = pageAudit(harness);
  const username = "visitor_" + Date.now().toString(36);
  const password = "Vote-for-good-2023";
  let voteUrl = "";
  let workUrl = "";

  async function phone(bypassCSP) {
    const context = await browser.newContext({
      locale: "zh-CN", viewport: { width: PHONE_WIDTH, height: 740 }, bypassCSP,
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // The refused second vote is answered 429 on purpose; the browser logs that as an error.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("status of 429")) errors.push(m.text());
    });
    return { context, page, errors };
  }

  // Clicks the form's "I am not a robot" box and waits until the widget has solved its challenge
  // and put the solution into the form.
  async function solve(scope) {
    await scope.getByRole("checkbox", { name: /我不是机器人/ }).click();
    await scope.getByText("验证通过").first().waitFor();
    await scope.locator('input[type="hidden"][name="altcha"]').first().waitFor({ state: "attached" });
  }

  async function totalOf(card) {
    const text = await card.locator(".vote-total strong").innerText();
    return Number(text);
  }

  let visitor = null;
  await check("votes: on a phone, a visitor opens the live vote from the menu and signs up with " +
    "the browser solving the challenge", async () => {
    visitor = await phone(false);
    const { page, errors } = visitor;
    await page.goto(url + "/");
    await page.getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "网络投票", exact: true }).click();
    await page.getByRole("link", { name: VOTE }).click();
    await page.getByRole("heading", { level: 1, name: VOTE }).waitFor();
    voteUrl = page.url();
    await page.getByRole("link", { name: "注册投票账号" }).first().click();
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(password);
    await page.getByLabel("再次输入密码").fill(password);
    await solve(page);
    await Promise.all([
      page.waitForURL((u) => u.href === voteUrl),
      page.getByRole("button", { name: "注册并登录" }).click(),
    ]);
    await page.getByText(`您已登录投票账号 ${username}`).waitFor();
    expect(!errors.length, `the page reported: ${errors.join("; ")}`);
  });

  await check("votes: the voter votes for a work, sees its total go up by one, and is refused a " +
    "second vote on it today", async () => {
    expect(visitor && voteUrl, "the visitor did not sign up");
    const { page, errors } = visitor;
    const card = page.locator(".vote-card").first();
    const title = await card.locator(".vote-card-title").innerText();
    const before = await totalOf(card);
    await solve(card);
    await Promise.all([
      page.waitForURL(/done=voted/),
      card.getByRole("button", { name: /^投票/ }).click(),
    ]);
    await page.getByText("投票成功,感谢您的参与!").waitFor();
    const after = await totalOf(page.locator(".vote-card", { hasText: title }).first());
    expect(after === before + 1, `"${title}" shows ${after} votes after voting, not ${before + 1}`);

    await page.locator(".vote-card", { hasText: title }).first()
      .getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    workUrl = page.url();
    const again = page.locator(".vote-card").first();
    await solve(again);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      again.getByRole("button", { name: /^投票/ }).click(),
    ]);
    expect(answer.status() === 429, `the second vote was answered ${answer.status()}`);
    await page.getByRole("alert").filter({ hasText: "今日已为该作品投票" }).waitFor();
    const alert = await page.getByRole("alert").innerText();
    expect(alert.includes("明天 00:00 后可再投") || alert.includes("本次投票期内不能再投"),
      `the refusal reads "${alert}"`);
    expect(after === await totalOf(page.locator(".vote-card").first()),
      "the refused vote changed the total");
    expect(!errors.length, `the page reported: ${errors.join("; ")}`);
  });

  await check("votes: axe finds no WCAG 2.1 A/AA violations on the vote's pages", async () => {
    expect(voteUrl && workUrl, "the vote's pages were not reached");
    const { page } = await phone(true);
    for (const [path, what] of [["/public-votes", "the votes"], [voteUrl, "the vote"],
      [workUrl, "a work's vote page"], ["/voters/signup", "the sign-up page"]]) {
      await page.goto(path.startsWith("http") ? path : url + path);
      await audit(page, what);
    }
    await page.goto(url + "/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(password);
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith("/public-votes")),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    await page.goto(voteUrl);
    await audit(page, "the vote, logged in as a voter");
    report("vote");
  });
}
