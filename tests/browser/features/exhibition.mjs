// The exhibition, on a phone, as a visitor: from the home page to the gallery, a video that plays,
// a photo set whose thumbnails and full photo load, the year in review with its charts drawn
// (SVG with content) and printed to an A4 PDF, and the certificate verification page. Every page
// is checked with axe-core against WCAG 2.1 A and AA and must fit the phone's width.
import { pageAudit } from "../axe.mjs";

export default async function exhibition(harness) {
  const { url, check, expect, browser, STEP_TIMEOUT_MS, PHONE_WIDTH } = harness;
  const { audit, report } = pageAudit(harness);
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
  const visitorPage = (what) => audit(page, what);

  await check("exhibition: the home page leads a visitor to the gallery of awarded works", async () => {
    await page.goto(url + "/");
    await Promise.all([
      page.waitForURL(/\/campaigns\/\d+\/exhibition$/),
      page.getByRole("link", { name: "2023年获奖作品展示" }).click(),
    ]);
    await page.getByRole("heading", { name: "网络正能量微视频征集" }).waitFor();
    await page.getByRole("link", { name: /港城蓝领的一天/ }).waitFor();
    await page.getByRole("link", { name: /海河畔的劳动者/ }).waitFor();
    await visitorPage("gallery");
  });

  await check("exhibition: the awarded video plays in its player", async () => {
    await Promise.all([
      page.waitForURL(/\/exhibition\/works\/\d+$/),
      page.getByRole("link", { name: /港城蓝领的一天/ }).click(),
    ]);
    const video = page.locator("video.work-video").first();
    await video.waitFor();
    await video.evaluate((v) => { v.muted = true; return v.play(); });
    await page.waitForFunction(() => document.querySelector("video.work-video").currentTime > 0.5);
    await visitorPage("video work");
  });

  await check("exhibition: a photo set shows its thumbnails and opens the full photo", async () => {
    await page.goBack();
    await Promise.all([
      page.waitForURL(/\/exhibition\/works\/\d+$/),
      page.getByRole("link", { name: /海河畔的劳动者/ }).click(),
    ]);
    const thumbs = page.locator(".photo-set img");
    expect((await thumbs.count()) === 4, `the set shows ${await thumbs.count()} photos, not 4`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".photo-set img")].every((i) => i.complete && i.naturalWidth > 0));
    // The browser picked one of the thumbnails' widths, made on demand, not the full photo.
    const picked = await thumbs.first().evaluate((i) => i.currentSrc);
    expect(/\/thumbnails\/(320|640|1280)$/.test(picked), `the thumbnail shown is ${picked}`);
    await visitorPage("photo set");
    const [full] = await Promise.all([
      page.waitForResponse((r) => /\/exhibition\/files\/[0-9a-f]{64}$/.test(r.url())),
      page.getByRole("link", { name: "查看原图" }).first().click(),
    ]);
    expect(full.status() === 200, `the full photo answered ${full.status()}`);
    expect((full.headers()["content-type"] || "").startsWith("image/jpeg"), "the full photo is a JPEG");
  });

  await check("exhibition: the year in review draws its charts and prints on A4", async () => {
    await page.goto(url + "/campaigns/1/year-in-review");
    await page.waitForFunction(() => {
      const svg = document.querySelector("#chart-funnel svg");
      return svg && svg.querySelectorAll("path").length > 5;
    });
    const tables = await page.locator("table caption").count();
    expect(tables >= 4, `only ${tables} tables with the charts' figures`);
    await visitorPage("year in review");
    await page.emulateMedia({ media: "print" });
    const headerShown = await page.locator(".site-header").isVisible();
    expect(!headerShown, "the site's header is printed");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString() === "%PDF-", "printing gave no PDF");
    expect(pdf.length > 20_000, `the printed PDF is only ${pdf.length} bytes`);
    await page.emulateMedia({ media: "screen" });
  });

  await check("exhibition: the certificate verification page says a made-up code is not genuine", async () => {
    await page.goto(url + "/certificates");
    await page.getByLabel(/核验码/).fill("ABCD-EFGH-JKMN-PQRS");
    await Promise.all([
      page.waitForURL(/\/certificates\?code=/),
      page.getByRole("button", { name: "核验" }).click(),
    ]);
    await page.getByText("未找到此核验码").waitFor();
    await visitorPage("certificate verification");
    // The 404 of the made-up code is the answer the page expects.
    const unexpected = problems.filter((p) => !p.includes("/certificates?code="));
    expect(unexpected.length === 0, `problems: ${unexpected.join("; ")}`);
  });

  await check("exhibition: a winner finds their certificate on the campaign's certificates page", async () => {
    const { context: own, page: winner } = await harness.logIn("worker_zhang", {
      viewport: { width: PHONE_WIDTH, height: 740 }, bypassCSP: true,
    });
    try {
      await winner.goto(url + "/campaigns/1/certificates");
      const row = winner.locator("#table-certificates tr", { hasText: "港城蓝领的一天" });
      await row.waitFor();
      const [download] = await Promise.all([
        winner.waitForEvent("download"),
        row.getByRole("link", { name: /下载证书/ }).click(),
      ]);
      expect(/\.pdf$/.test(download.suggestedFilename()), `downloaded ${download.suggestedFilename()}`);
      await audit(winner, "certificates");
    } finally {
      await own.close();
    }
  });

  await check("exhibition: axe-core finds no WCAG 2.1 AA violation on the exhibition's pages", async () => {
    report("exhibition");
  });
  await context.close();
}
