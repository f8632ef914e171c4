// Judging, on a phone: the judge finds the city's first round in the queue, scores both works
// with the keyboard without learning who made them, and is led from one work to the next and back
// to the queue. The city's admin then closes the round, reads the ranking, confirms and publishes
// the awards, and the worker sees the prize on the winning work. Every judging page visited is
// checked with axe-core against WCAG 2.1 A and AA and must fit the phone's width.
import { pageAudit } from "../axe.mjs";

const TRACK = "正能量职工网络达人征集";
const ROUND = "市级初评";
const CITY = "天津市总工会";
// The works under review are the worker's; the blind scoring page must not reveal the author nor
// the unit (南开电力有限公司工会) that sent them.
const WORKER = "worker_lina";
const AUTHOR = "李娜";
const UNIT_WORD = "南开电力";

export default async function judging(harness) {
  const { url, check, expect, browser, accounts, STEP_TIMEOUT_MS, PHONE_WIDTH } = harness;
  const { audit: judgingPage, report } = pageAudit(harness);
  const blindLeaks = [];
  let blindPages = 0;

  // A new context at the phone's size, logged in through the form. Its pages ignore the site's
  // Content-Security-Policy (script-src 'self') so that axe can be added to them.
  async function logInOnPhone(username) {
    const context = await browser.newContext({
      locale: "zh-CN", viewport: { width: PHONE_WIDTH, height: 740 }, bypassCSP: true,
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
    });
    await page.goto(url + "/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(accounts.get(username));
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/login")),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    return { context, page, problems };
  }

  async function expectFocused(locator, what) {
    const focused = await locator.evaluate((el) => el === document.activeElement);
    expect(focused, `${what} does not have the focus`);
  }

  // The page's whole source, attributes and hidden text included, is searched; what it gives
  // away is kept for a check of its own so that the scoring goes on.
  async function blindCheck(page, title) {
    const html = await page.content();
    blindPages += 1;
    for (const word of [AUTHOR, UNIT_WORD]) {
      if (!html.includes(word)) continue;
      const shown = await page.locator("main").innerText();
      const where = shown.split("\n").filter((line) => line.includes(word)).join(" / ");
      blindLeaks.push(`"${title}" (${new URL(page.url()).pathname}) shows ${word}` +
        (where ? `: ${where}` : " in its markup"));
    }
  }

  // Fills every criterion of the open scoring page and the comment from the keyboard, then sends
  // the form with Enter on its button. `share` (0..1) places each score within the criterion's
  // scale. Returns the criteria's names as their labels give them.
  async function scoreWithKeyboard(page, share, comment) {
    const form = page.locator("#score-form");
    const boxes = form.getByRole("spinbutton");
    const count = await boxes.count();
    expect(count >= 2, `the scoring form has ${count} score fields`);
    const criteria = [];
    for (let i = 0; i < count; i++) {
      const box = boxes.nth(i);
      const label = await box.evaluate((el) => (el.labels[0] ? el.labels[0].textContent : ""));
      const name = label.replace(/[((].*$/, "").trim();
      expect(name, `score field ${i + 1} has no label`);
      const min = Number(await box.getAttribute("min"));
      const max = Number(await box.getAttribute("max"));
      expect(Number.isFinite(min) && max > min, `"${name}" has the scale ${min}–${max}`);
      criteria.push({ name, value: String(min + Math.round((max - min) * share)) });
    }
    for (const [i, c] of criteria.entries()) {
      const field = page.getByLabel(c.name);
      if (i === 0) await field.focus();
      else await page.keyboard.press("Tab");
      await expectFocused(field, `the field labelled "${c.name}"`);
      await page.keyboard.type(c.value);
    }
    await page.keyboard.press("Tab");
    await expectFocused(page.getByLabel("评语", { exact: true }), "the comment (评语)");
    await page.keyboard.type(comment);
    await page.keyboard.press("Tab");
    await expectFocused(page.getByRole("button", { name: "保存评分" }), "the save button (保存评分)");
    for (const c of criteria) {
      const typed = await page.getByLabel(c.name).inputValue();
      expect(typed === c.value, `"${c.name}" holds "${typed}" after typing ${c.value}`);
    }
    return criteria;
  }

  // The queue's section of the city's round, its progress and the links to its works.
  function roundInQueue(page) {
    const section = page.getByRole("region", { name: new RegExp(`${ROUND}$`) });
    return {
      section,
      progress: section.getByRole("progressbar", { name: `${ROUND}评审进度` }),
      links: section.getByRole("link", { name: /^(评分|修改评分|查看)/ }),
    };
  }

  async function queueReads(page, scored, total) {
    const { section, progress, links } = roundInQueue(page);
    await section.waitFor();
    const text = await section.innerText();
    expect(text.includes(`已评 ${scored}/${total}`), `the round's progress reads "${text}"`);
    const value = await progress.getAttribute("value");
    const max = await progress.getAttribute("max");
    expect(value === String(scored) && max === String(total),
      `the progress bar is at ${value} of ${max}, not ${scored} of ${total}`);
    const count = await links.count();
    expect(count === total, `the round lists ${count} works, not ${total}`);
    const titles = [];
    for (let i = 0; i < count; i++) {
      titles.push((await links.nth(i).textContent()).replace(/^(评分|修改评分|查看)[::]\s*/, ""));
    }
    return titles;
  }

  // ---- the judge
  let judge = null;
  let titles = [];
  const scoredFirst = { title: "", share: 0.9 };
  const scoredSecond = { title: "", share: 0.5 };

  await check("judging: on a phone, judge_zhao opens 评审任务 and finds two works to score (0/2)",
    async () => {
      judge = await logInOnPhone("judge_zhao");
      const { page } = judge;
      await page.getByRole("navigation", { name: "主导航" })
        .getByRole("link", { name: "评审任务", exact: true }).click();
      await page.waitForURL((u) => u.pathname === "/judge");
      await page.getByRole("heading", { level: 1, name: "我的评审任务" }).waitFor();
      titles = await queueReads(page, 0, 2);
      await judgingPage(page, "the judge's queue");
    });

  await check("judging: the judge scores both works with the keyboard, blind, and returns to the " +
    "queue at 2/2", async () => {
    expect(judge && titles.length === 2, "the judge's queue was not read");
    const { page } = judge;
    await roundInQueue(page).links.first().click();
    await page.waitForURL(/\/judge\/assignments\/\d+$/);
    scoredFirst.title = titles[0];
    await page.getByRole("heading", { level: 1, name: scoredFirst.title, exact: true }).waitFor();
    await blindCheck(page, scoredFirst.title);
    await judgingPage(page, "the scoring page");
    const criteria = await scoreWithKeyboard(page, scoredFirst.share, "主题鲜明,表现生动。");
    await Promise.all([
      page.waitForURL(/\/judge\/assignments\/\d+\?done=scored$/),
      page.keyboard.press("Enter"),
    ]);

    // Led to the other work, not back to the queue.
    scoredSecond.title = titles[1];
    await page.getByRole("heading", { level: 1, name: scoredSecond.title, exact: true }).waitFor();
    await page.getByRole("status").filter({ hasText: "评分已保存" }).waitFor();
    await blindCheck(page, scoredSecond.title);
    for (const c of criteria) {
      expect((await page.getByLabel(c.name).inputValue()) === "",
        `the next work's "${c.name}" is already filled`);
    }
    await judgingPage(page, "the scoring page after saving");
    await scoreWithKeyboard(page, scoredSecond.share, "内容扎实,传播面还可以更广。");
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/judge" && u.searchParams.get("done") === "all_scored"),
      page.keyboard.press("Enter"),
    ]);
    await page.getByRole("status").filter({ hasText: "本轮分配给您的作品已全部评完" }).waitFor();
    const after = await queueReads(page, 2, 2);
    expect(after.join() === titles.join(), `the queue now lists ${after.join("、")}`);
    const links = roundInQueue(page).links;
    for (let i = 0; i < 2; i++) {
      const text = await links.nth(i).textContent();
      expect(text.startsWith("修改评分"), `a scored work's link reads "${text}"`);
    }
    await judgingPage(page, "the judge's queue when all is scored");
    expect(!judge.problems.length, judge.problems.join("; "));
  });
  if (judge) await judge.context.close();

  // ---- the city's admin
  let admin = null;
  let awardsUrl = "";
  const workIds = new Map();

  await check("judging: on a phone, tianjin_admin finds the round, closes it and reads the ranking",
    async () => {
      expect(scoredFirst.title && scoredSecond.title, "the judge did not score");
      admin = await logInOnPhone("tianjin_admin");
      const { page } = admin;
      await page.getByRole("navigation", { name: "主导航" })
        .getByRole("link", { name: "主题活动", exact: true }).click();
      await page.waitForURL((u) => u.pathname === "/campaigns");
      const campaigns = await page.locator("#campaigns a").evaluateAll((as) =>
        as.map((a) => a.getAttribute("href")));
      // The campaign whose 评审管理 lists the city's review of the track.
      let found = false;
      for (const href of campaigns) {
        await page.goto(url + href + "/judging");
        const row = page.locator("#judgings tbody tr", { hasText: CITY }).filter({ hasText: TRACK });
        if (await row.count()) {
          await judgingPage(page, "the campaign's judgings");
          // The link's hidden part is positioned, a block of its own: its name has a space there.
          await row.getByRole("link", { name: new RegExp(`^管理\\s*${TRACK}评审$`) }).click();
          found = true;
          break;
        }
      }
      expect(found, `no campaign lists ${CITY}'s review of ${TRACK}`);
      await page.waitForURL(/\/judging\/\d+$/);
      await page.getByRole("heading", { level: 1, name: `${CITY}:${TRACK} 评审` }).waitFor();
      await judgingPage(page, "the judging's page");
      awardsUrl = page.url() + "/awards";
      await page.getByRole("region", { name: "评审轮次", exact: true })
        .getByRole("link", { name: ROUND, exact: true }).click();
      await page.waitForURL(/\/rounds\/\d+$/);
      await page.getByRole("heading", { level: 1, name: ROUND }).waitFor();
      const progress = await page.locator("#progress tbody tr").evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.cells, (td) => td.innerText.trim())));
      expect(progress.length === 1 && progress[0][0] === "赵刚" && progress[0][2] === "2" &&
        progress[0][3] === "2", `the round's progress reads ${JSON.stringify(progress)}`);
      await judgingPage(page, "the open round's page");

      await Promise.all([
        page.waitForURL(/\/rounds\/\d+\?done=state$/),
        page.getByRole("button", { name: "结束本轮评审" }).click(),
      ]);
      const state = await page.locator("#round-state").innerText();
      expect(state === "已结束", `the round is "${state}" after closing it`);
      const results = page.getByRole("region", { name: /^评分结果.*可见\)$/ });
      await results.waitFor();
      const rows = await results.locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.cells, (td) => td.innerText.trim())));
      expect(rows.length === 2, `the ranking has ${rows.length} rows`);
      expect(rows[0][0] === "1" && rows[0][1] === scoredFirst.title,
        `the first row is ${JSON.stringify(rows[0])}, not rank 1 for "${scoredFirst.title}"`);
      expect(rows[1][0] === "2" && rows[1][1] === scoredSecond.title,
        `the second row is ${JSON.stringify(rows[1])}, not rank 2 for "${scoredSecond.title}"`);
      const assigned = await page.locator("#assignments tbody tr td:first-child").allInnerTexts();
      for (const text of assigned) {
        const m = text.match(/^(.*)[((]编号 (\d+)[))]$/s);
        if (m) workIds.set(m[1], m[2]);
      }
      await judgingPage(page, "the closed round's page");
    });

  await check("judging: the admin confirms the awards (确认获奖名单) and publishes them (发布)",
    async () => {
      expect(admin && awardsUrl, "the admin did not reach the judging");
      const { page } = admin;
      await page.getByRole("navigation", { name: "位置" })
        .getByRole("link", { name: `${TRACK} 评审` }).click();
      await page.waitForURL(/\/judging\/\d+$/);
      await page.getByRole("link", { name: "获奖名单", exact: true }).click();
      await page.waitForURL((u) => u.href === awardsUrl);
      const rows = await page.locator("#awards tbody tr").evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.cells, (td) => td.innerText.trim())));
      expect(rows.length === 2, `the awards list ${rows.length} works`);
      expect(rows[0][1] === scoredFirst.title && rows[0][7].startsWith("一等奖"),
        `the first row is ${JSON.stringify(rows[0])}`);
      expect(rows[1][1] === scoredSecond.title && rows[1][7].startsWith("二等奖"),
        `the second row is ${JSON.stringify(rows[1])}`);
      await judgingPage(page, "the draft awards page");

      await Promise.all([
        page.waitForURL(/\/awards\?done=confirmed$/),
        page.getByRole("button", { name: "确认获奖名单" }).click(),
      ]);
      let state = await page.locator("#awards-state").innerText();
      expect(state.startsWith("已确认"), `the awards are "${state}" after confirming`);
      const when = page.getByLabel(/^公开时间/);
      expect((await when.inputValue()) === "", "the publication time is not empty");
      await judgingPage(page, "the confirmed awards page");
      await Promise.all([
        page.waitForURL(/\/awards\?done=published$/),
        page.getByRole("button", { name: "发布", exact: true }).click(),
      ]);
      state = await page.locator("#awards-state").innerText();
      expect(state.startsWith("已发布"), `the awards are "${state}" after publishing`);
      await judgingPage(page, "the published awards page");
      expect(!admin.problems.length, admin.problems.join("; "));
    });
  if (admin) await admin.context.close();

  await check(`judging: ${WORKER} sees 一等奖 on the winning work's page`, async () => {
    expect(scoredFirst.title, "the judge did not score");
    const { context, page, problems } = await logInOnPhone(WORKER);
    try {
      await page.getByRole("navigation", { name: "主导航" })
        .getByRole("link", { name: "作品征集", exact: true }).click();
      await page.getByRole("link", { name: "我的作品", exact: true }).click();
      await page.waitForURL(/\/campaigns\/\d+\/works$/);
      const id = workIds.get(scoredFirst.title);
      expect(id, `the round's page did not give the number of "${scoredFirst.title}"`);
      await page.locator("#my-works").getByRole("link", { name: scoredFirst.title, exact: true })
        .and(page.locator(`a[href="/works/${id}"]`)).click();
      await page.waitForURL((u) => u.pathname === `/works/${id}`);
      await page.getByRole("heading", { level: 1, name: scoredFirst.title }).waitFor();
      const award = await page.locator("#work-award").innerText();
      expect(award.includes(`${CITY}评审 一等奖`), `the work's page says "${award}"`);
      expect(!problems.length, problems.join("; "));
    } finally {
      await context.close();
    }
  });

  await check(`judging: the blind scoring pages name neither the author (${AUTHOR}) nor the unit ` +
    `(${UNIT_WORD})`, async () => {
    expect(blindPages === 2, `${blindPages} scoring pages were read, not 2`);
    expect(!blindLeaks.length, blindLeaks.join("; "));
  });

  await check("judging: axe finds no WCAG 2.1 A/AA violations on the judging pages", async () => {
    report("judging");
  });
}
