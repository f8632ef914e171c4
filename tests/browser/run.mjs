// Browser test: starts `wangju serve --demo` on a free port with a fresh data folder, drives
// Debian's chromium through playwright-core, and checks the paths a unit admin takes.
//   node tests/browser/run.mjs <path-to-wangju-binary> <static-dir>
// After its own checks it runs each feature's checks: every tests/browser/features/*.mjs exports a
// default async function that receives the harness (see `harness` below).
// Prints one line per check and ends with "N passed, M failed"; exits non-zero on any failure.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TOTP, Secret } from "otpauth";
import { chromium } from "playwright-core";

const TOTAL_TIMEOUT_MS = 720_000;
const STEP_TIMEOUT_MS = 15_000;
const PHONE_WIDTH = 360;

const [binary, staticDir] = process.argv.slice(2);
if (!binary || !staticDir) {
  console.error("usage: node tests/browser/run.mjs <path-to-wangju-binary> <static-dir>");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wangju-browser-"));
const results = [];
let server = null;
let browser = null;
const serverErrors = [];

function startServer() {
  return new Promise((resolve, reject) => {
    const args = ["serve", "--demo", "--data", path.join(tmp, "data"), "--listen", "127.0.0.1:0",
      "--static", staticDir];
    server = spawn(path.resolve(binary), args, { stdio: ["ignore", "pipe", "pipe"] });
    let url = null;
    let inAccounts = false;
    const accounts = new Map();
    const totpSecrets = new Map();  // the sysadmin's second factor, printed after the accounts
    const done = () => {
      if (url && accounts.has("binhai_admin") && totpSecrets.size) {
        resolve({ url, accounts, totpSecrets });
      }
    };
    readline.createInterface({ input: server.stdout }).on("line", (line) => {
      if (!url) {
        const m = line.match(/http:\/\/[^\s"',)]+/);
        if (m) url = m[0].replace(/\/$/, "");
      }
      const secret = line.match(/^\S+ (\S+) .*验证器密钥: (\S+)$/);
      if (secret) totpSecrets.set(secret[1], secret[2]);
      if (line.includes("演示账号")) {
        inAccounts = true;
      } else if (inAccounts) {
        const m = line.match(/^\s+(\S+)\s+(\S+)\s+/);
        if (m) accounts.set(m[1], m[2]);
        else inAccounts = false;
      }
      done();
    });
    readline.createInterface({ input: server.stderr }).on("line", (line) => {
      serverErrors.push(line);
      if (serverErrors.length > 40) serverErrors.shift();
    });
    server.on("exit", (code, signal) => {
      reject(new Error(`server exited early (code ${code}, signal ${signal})`));
    });
    server.on("error", reject);
    setTimeout(() => reject(new Error("server did not print its address and demo accounts")),
      30_000);
  });
}

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL - ${name}: ${error && error.message ? error.message : error}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function noHorizontalOverflow(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= PHONE_WIDTH, `${what}: page is ${width}px wide at a ${PHONE_WIDTH}px viewport`);
}

// Opens a new browser context with one page, as a visitor on a desktop screen; the caller closes
// it. `options` adds to or replaces the context's options (a phone's viewport, bypassCSP for axe).
async function openPage(options = {}) {
  const context = await browser.newContext({
    locale: "zh-CN", viewport: { width: 1200, height: 900 }, ...options,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return { context, page: await context.newPage() };
}

// openPage, logged in as a demo account (the sysadmin with its TOTP code).
async function logIn(url, accounts, totpSecrets, username, options = {}) {
  const { context, page } = await openPage(options);
  await page.goto(url + "/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(accounts.get(username));
  if (totpSecrets.has(username)) {
    const totp = new TOTP({ secret: Secret.fromBase32(totpSecrets.get(username)) });
    await page.locator("#login-totp").fill(totp.generate());
  }
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  return { context, page };
}

async function runFeatureChecks(url, accounts, totpSecrets) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "features");
  if (!fs.existsSync(dir)) return;
  // WANGJU_BROWSER_FEATURES=votes,judging runs only those features' checks (while working on one).
  const only = (process.env.WANGJU_BROWSER_FEATURES || "").split(",").filter(Boolean);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".mjs"))
    .filter((f) => !only.length || only.includes(f.replace(/\.mjs$/, ""))).sort();
  const harness = {
    url, accounts, browser, check, expect, tmp, STEP_TIMEOUT_MS, PHONE_WIDTH,
    openPage,
    logIn: (username, options) => logIn(url, accounts, totpSecrets, username, options),
  };
  for (const file of files) {
    const feature = await import(pathToFileURL(path.join(dir, file)).href);
    await feature.default(harness);
  }
}

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.removeAllListeners("exit");
    server.kill("SIGTERM");
    await new Promise((resolve) => {
      const force = setTimeout(() => { server.kill("SIGKILL"); resolve(); }, 5_000);
      server.once("exit", () => { clearTimeout(force); resolve(); });
    });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

function finish() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (failed && serverErrors.length) {
    console.log("--- last lines of the server's stderr:");
    for (const line of serverErrors) console.log(line);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

async function main() {
  const { url, accounts, totpSecrets } = await startServer();
  console.log(`server at ${url}`);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timeout: 30_000,
  });
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    // A failed request is reported below with its address.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) pageErrors.push(`${r.status()} for ${r.url()}`);
  });

  await check("a unit admin logs in from the home page and sees the unit's children", async () => {
    await page.goto(url + "/");
    expect((await page.locator("html").getAttribute("lang")) === "zh-CN", "html lang is not zh-CN");
    await page.getByText("网聚职工正能量 争做中国好网民").first().waitFor();
    await page.getByRole("link", { name: "登录", exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel("用户名").fill("binhai_admin");
    await page.getByLabel("密码", { exact: true }).fill(accounts.get("binhai_admin"));
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/login")),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    await page.getByRole("link", { name: "管理", exact: true }).click();
    await page.waitForURL(/\/admin\/units\/binhai/);
    const heading = await page.locator("main h1").innerText();
    expect(heading.includes("滨海新区总工会"), `heading is "${heading}"`);
    const children = page.locator("#children tbody tr");
    expect((await children.count()) > 0, "no children listed");
    await page.locator("#children").getByText("新河街道总工会").waitFor();
  });

  await check("a child unit created through the form is listed", async () => {
    const code = "bh_test" + Date.now().toString(36).slice(-5);
    const name = "浏览器测试街道工会" + code.slice(-3);
    await page.locator("#new-unit-code").fill(code);
    await page.locator("#new-unit-name").fill(name);
    const kinds = await page.locator("#new-unit-kind option").evaluateAll((os) => os.map((o) => o.value));
    if (kinds.includes("town")) await page.locator("#new-unit-kind").selectOption("town");
    await Promise.all([
      page.waitForURL(/done=unit_created/),
      page.getByRole("button", { name: "创建", exact: true }).click(),
    ]);
    await page.locator("#children").getByRole("link", { name }).waitFor();
    await page.locator("#children").getByText(code).waitFor();
  });

  await check(`pages fit a ${PHONE_WIDTH}px wide phone screen`, async () => {
    await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
    for (const p of ["/", "/admin/units/binhai", "/account"]) {
      await page.goto(url + p);
      await noHorizontalOverflow(page, p);
    }
    await page.goto(url + "/admin/units/binhai");
    const shot = path.join(os.tmpdir(), `wangju-admin-${PHONE_WIDTH}px.png`);
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`     screenshot: ${shot}`);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  await check("the larger text mode works without JavaScript", async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await plain.newPage();
      p.setDefaultTimeout(STEP_TIMEOUT_MS);
      await p.goto(url + "/");
      expect(!(await p.locator("html").getAttribute("class") || "").includes("large-text"),
        "large text is on before asking");
      await p.getByRole("link", { name: "大字模式" }).click();
      await p.waitForURL((u) => u.pathname === "/");
      const cls = (await p.locator("html").getAttribute("class")) || "";
      expect(cls.includes("large-text"), "html has no large-text class after the switch");
    } finally {
      await plain.close();
    }
  });

  await check("a page that needs a login leads to the login page and back", async () => {
    const fresh = await browser.newContext({ locale: "zh-CN" });
    try {
      const p = await fresh.newPage();
      p.setDefaultTimeout(STEP_TIMEOUT_MS);
      await p.goto(url + "/admin/units/binhai");
      await p.waitForURL(/\/login\?next=/);
      await p.getByLabel("用户名").fill("binhai_admin");
      await p.getByLabel("密码", { exact: true }).fill(accounts.get("binhai_admin"));
      await Promise.all([
        p.waitForURL(/\/admin\/units\/binhai$/),
        p.getByRole("button", { name: "登录" }).click(),
      ]);
    } finally {
      await fresh.close();
    }
  });

  await check("no script errors on the pages visited", async () => {
    expect(pageErrors.length === 0, pageErrors.join("; "));
  });

  await context.close();
  await runFeatureChecks(url, accounts, totpSecrets);
}

const timer = setTimeout(async () => {
  console.log(`FAIL - the whole test took longer than ${TOTAL_TIMEOUT_MS / 1000} s`);
  results.push({ name: "timeout", ok: false });
  await cleanUp();
  process.exit(finish() || 1);
}, TOTAL_TIMEOUT_MS);

let code = 1;
try {
  await main();
} catch (error) {
  console.log(`FAIL - set-up: ${error && error.message ? error.message : error}`);
  results.push({ name: "set-up", ok: false });
} finally {
  await cleanUp();
  clearTimeout(timer);
  code = finish();
}
process.exit(code);
