// Every page that each role reaches passes axe-core's WCAG 2.1 A and AA rules. The pages are found,
// not listed: from the home page and the page a role lands on after logging in, the check follows
// every link to a page of the site, so a new page is checked as soon as a link leads to it. Pages
// made from one template (/notices/3 and /notices/4) are checked once per role: the first one
// found stands for the others. A link that leads to an error page is reported too.
// WANGJU_BROWSER_LIST_PAGES=1 prints the pages checked.
import { pageAudit } from "../axe.mjs";

// One account of each kind the demo has, the visitor (null) first: each role sees other pages,
// and other parts of the same pages (forms, buttons, tables of their own units).
const ROLES = [null, "worker_zhang", "judge_chen", "binhai_editor", "binhai_approver", "shequ_admin",
  "teda_admin", "binhai_admin", "tianjin_admin", "sysadmin"];
const MAX_PAGES_PER_ROLE = 90;
// Links that are not pages to check: downloads, the API, files, and the switches that change the
// session or the way every page is shown (logging out, the text size).
const SKIPPED = [/^\/api\//, /^\/static\//, /^\/files\//, /^\/media\//, /^\/uploads\//,
  /logout/, /text-size/, /large-text/, /\.(xlsx|csv|pdf|zip|docx|png|jpe?g|webp|gif|mp4|mp3|txt|ics|xml|json)$/i];

// Path segments that name one of many: /admin/units/binhai, /campaigns/1/tracks/songs/edit.
const CODE_AFTER = new Set(["units", "tracks", "columns"]);
// Except the campaign: the demo's campaigns are in different phases (the 2023 one judged, voted
// and shown; the current one taking reports), and their pages differ with the phase.
const KEPT_AFTER = new Set(["campaigns"]);

// The template a page is made from: numbers and codes in the path stand for any other.
function templateOf(url) {
  const parts = url.pathname.split("/");
  const variable = (part, i) => !KEPT_AFTER.has(parts[i - 1]) &&
    (/\d/.test(part) || CODE_AFTER.has(parts[i - 1]));
  const path = parts.map((part, i) => (variable(part, i) ? ":id" : part)).join("/");
  const keys = [...url.searchParams.keys()].sort().join("&");
  return keys ? `${path}?${keys}` : path;
}

export default async function everyPage(h) {
  const { check, expect, url: base } = h;
  const origin = new URL(base).origin;
  let checked = 0;
  for (const role of ROLES) {
    const who = role || "a visitor";
    await check(`every page ${who} reaches passes axe (WCAG 2.1 AA)`, async () => {
      expect(!role || h.accounts.has(role), `the demo has no account ${role}`);
      const options = { bypassCSP: true };
      const { context, page } = role ? await h.logIn(role, options) : await h.openPage(options);
      const { audit, report, visited } = pageAudit({ expect, PHONE_WIDTH: Infinity });
      const broken = [];
      const queue = [new URL(page.url()), new URL(base + "/")];
      const templates = new Set();
      try {
        while (queue.length && visited.length < MAX_PAGES_PER_ROLE) {
          const target = queue.shift();
          const template = templateOf(target);
          if (templates.has(template)) continue;
          templates.add(template);
          let response;
          try {
            response = await page.goto(target.href);
          } catch (error) {
            if (String(error).includes("Download is starting")) continue;
            throw error;
          }
          if (!response) continue;
          if (response.status() >= 400) {
            broken.push(`${target.pathname}${target.search} answers ${response.status()}`);
            continue;
          }
          if (!(response.headers()["content-type"] || "").startsWith("text/html")) continue;
          const here = new URL(page.url());
          if (here.origin !== origin) continue;
          if (templateOf(here) !== template) {  // redirected to another page
            if (templates.has(templateOf(here))) continue;
            templates.add(templateOf(here));
          }
          await audit(page, `${who}: ${here.pathname}${here.search}`);
          const hrefs = await page.locator("a[href]:not([download])").evaluateAll(
            (links) => links.map((a) => a.href));
          for (const href of hrefs) {
            const next = new URL(href);
            next.hash = "";
            if (next.origin !== origin || SKIPPED.some((re) => re.test(next.pathname))) continue;
            if (!templates.has(templateOf(next))) queue.push(next);
          }
        }
      } finally {
        await context.close();
      }
      checked += visited.length;
      const unchecked = new Set(queue.map(templateOf).filter((t) => !templates.has(t))).size;
      console.log(`     ${visited.length} pages checked as ${who}` +
        (unchecked ? `; the limit of ${MAX_PAGES_PER_ROLE} left ${unchecked} unchecked` : ""));
      if (process.env.WANGJU_BROWSER_LIST_PAGES) console.log(visited.join("\n"));
      expect(!broken.length, `links lead to error pages: ${broken.join("; ")}`);
      report(`${who}'s`);
    });
  }
  await check("pages were checked for every role", async () => {
    console.log(`     ${checked} pages checked in all, as ${ROLES.length} roles`);
    expect(checked >= ROLES.length * 3, `only ${checked} pages were checked`);
  });
}
