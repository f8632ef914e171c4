// Works: a worker fills in and submits a work through the pages, the zone admin recommends it
// from the review queue, and the district sees it with the path it came by. Plain forms, no
// JavaScript needed. Then the same path for a video whose resumable (tus) upload is cut off
// halfway by a page reload and resumed from the byte the server acknowledged.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// A 10-second 720p H.264 MP4 of about 12 MB: more than one 8 MiB chunk of the upload page, within
// the micro-video track's rules (MP4, H.264, at least 720p, at most 5 minutes).
function makeVideo(tmp) {
  const file = path.join(tmp, "职工风采.mp4");
  execFileSync("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi",
    "-i", "testsrc2=size=1280x720:rate=25", "-t", "10", "-c:v", "libx264", "-preset", "ultrafast",
    "-b:v", "10M", "-maxrate", "10M", "-bufsize", "4M", "-pix_fmt", "yuv420p", file]);
  return file;
}

const CHUNK = 8 * 1024 * 1024;  // the upload page's tus chunkSize

// teda_admin recommends the work titled `title` from the review queue of the campaign; `width`,
// when given, is the viewport's width, which the page must fit.
async function zoneRecommends({ url, expect, logIn }, campaignId, title, width) {
  const { context, page } = await logIn("teda_admin");
  try {
    if (width) await page.setViewportSize({ width, height: 800 });
    await page.goto(`${url}/campaigns/${campaignId}/review`);
    const card = page.locator("article.work-card", { hasText: title });
    await card.waitFor();
    await card.getByLabel("推荐", { exact: true }).check();
    await Promise.all([
      page.waitForURL(/done=work_decided/),
      card.getByRole("button", { name: "保存意见" }).click(),
    ]);
    await page.locator("#decided-works").getByText(title).waitFor();
    if (width) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth <= width, `review page is ${scrollWidth}px wide on a phone`);
    }
  } finally {
    await context.close();
  }
}

// binhai_admin finds the work in the review queue with the zone in the path it came by.
async function districtSeesPath({ url, expect, logIn }, campaignId, title) {
  const { context, page } = await logIn("binhai_admin");
  try {
    await page.goto(`${url}/campaigns/${campaignId}/review`);
    const card = page.locator("article.work-card", { hasText: title });
    await card.waitFor();
    const text = await card.innerText();
    expect(text.includes("天津经济技术开发区总工会"), `the path does not name the zone: ${text}`);
  } finally {
    await context.close();
  }
}

export default async function works({ url, check, expect, logIn, tmp, PHONE_WIDTH }) {
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

  await check("the zone admin recommends it from the review queue", () =>
    zoneRecommends({ url, expect, logIn }, 1, title, PHONE_WIDTH));

  await check("the district sees the recommended work with its path", () =>
    districtSeesPath({ url, expect, logIn }, 1, title));

  await videoWorkChecks({ url, check, expect, logIn, tmp });
}

async function videoWorkChecks({ url, check, expect, logIn, tmp }) {
  const title = "断点续传视频" + Date.now().toString(36).slice(-5);
  let campaignId = null;

  await check("a worker's video upload is cut off halfway, resumed, and the work submitted", async () => {
    const video = makeVideo(tmp);
    const size = fs.statSync(video).size;
    expect(size > CHUNK && size < 2 * CHUNK, `the test video is ${size} bytes`);
    const { context, page } = await logIn("worker_zhang");
    try {
      await page.goto(url + "/works");
      await page.waitForURL(/\/campaigns\/\d+\/tracks/);
      campaignId = page.url().match(/\/campaigns\/(\d+)\//)[1];
      await page.locator("#track-micro_videos").getByRole("link", { name: "报送作品" }).click();
      await page.locator("#work-title").fill(title);
      await page.locator("#field-synopsis").fill("车间里的一天。");
      await page.locator("#field-contact").fill("13800000000");
      await Promise.all([
        page.waitForURL(/\/works\/\d+\?done=work_saved/),
        page.getByRole("button", { name: "保存草稿" }).click(),
      ]);
      const workUrl = page.url().replace(/\?.*$/, "");

      // The second chunk is held in the browser: the server has the first 8 MiB and no more.
      let held = null;
      let heldSeen;
      const secondChunk = new Promise((resolve) => { heldSeen = resolve; });
      let patches = 0;
      const uploadAddress = /\/api\/v1\/uploads\/[0-9a-f]{32}$/;
      await page.route(uploadAddress, async (route) => {
        if (route.request().method() !== "PATCH") return route.continue();
        patches += 1;
        if (patches === 1) return route.continue();
        held = route;
        heldSeen(route.request().url());
      });
      await page.locator("#work-file").setInputFiles(video);
      const uploadUrl = await secondChunk;
      const head = await context.request.head(uploadUrl, { headers: { "Tus-Resumable": "1.0.0" } });
      const offset = Number(head.headers()["upload-offset"]);
      expect(offset > 0 && offset < size,
        `at the interruption the server holds ${offset} of ${size} bytes`);

      // The interruption: the page goes away mid-upload, the held request with it.
      await page.reload();
      await held.abort().catch(() => {});
      await page.unroute(uploadAddress);
      const heldBack = await context.request.head(uploadUrl, { headers: { "Tus-Resumable": "1.0.0" } });
      const kept = Number(heldBack.headers()["upload-offset"]);
      expect(kept >= offset && kept < size, `after the reload the server holds ${kept} bytes`);
      const afterReload = [];
      page.on("request", (r) => {
        if (r.url().includes("/api/v1/uploads")) {
          afterReload.push({ method: r.method(), offset: r.headers()["upload-offset"] });
        }
      });

      // Choosing the same file again resumes the same upload from the acknowledged byte.
      // The page reloads itself once the file is attached, and then lists it.
      await page.locator("#work-file").setInputFiles(video);
      const row = page.locator("#work-file-list tbody tr", { hasText: "职工风采.mp4" });
      await row.waitFor({ timeout: 60_000 }).catch(async (error) => {
        const status = await page.locator("#work-file-status").innerText().catch(() => "");
        throw new Error(`the file is not listed (upload status "${status}", requests after the ` +
          `reload: ${JSON.stringify(afterReload)}): ${error.message}`);
      });
      expect(page.url().startsWith(workUrl), `the page went to ${page.url()}`);
      expect(!afterReload.some((r) => r.method === "POST"), "a new upload was created after the reload");
      const resumed = afterReload.filter((r) => r.method === "PATCH");
      expect(resumed.length > 0 && resumed[0].offset === String(kept),
        `the first PATCH after the reload started at ${resumed[0] && resumed[0].offset}, not ${kept}`);
      const bytes = await row.getAttribute("data-bytes");
      expect(bytes === String(size), `the work's file has ${bytes} bytes, the video ${size}`);
      const measures = await row.innerText();
      expect(measures.includes("1280×720") && measures.includes("10秒"),
        `the file is listed as "${measures}"`);

      await Promise.all([
        page.waitForURL(/done=work_submitted/),
        page.locator("#submit-work").click(),
      ]);
      const state = await page.locator("#work-state").innerText();
      expect(state === "待审核", `state after submitting is "${state}"`);
    } finally {
      await context.close();
    }
  });

  await check("the zone admin recommends the video work", async () => {
    expect(campaignId, "no campaign: the worker's check failed");
    await zoneRecommends({ url, expect, logIn }, campaignId, title);
  });

  await check("the district sees the recommended video work with its path", async () => {
    expect(campaignId, "no campaign: the worker's check failed");
    await districtSeesPath({ url, expect, logIn }, campaignId, title);
  });
}
