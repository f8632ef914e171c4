// What the feature checks share: a page fits the phone and axe-core finds no WCAG 2.1 A or AA
// fault on it. Findings are collected, not thrown, so that one fault does not hide the pages
// after it; the feature reports them in a check of its own. The page's context must bypass the
// site's Content-Security-Policy (script-src 'self') so that axe can be added to it.
import { createRequire } from "node:module";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export function pageAudit({ expect, PHONE_WIDTH }) {
  const findings = [];
  const visited = [];
  async function audit(page, what) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= PHONE_WIDTH, `${what}: the page is ${width}px wide on a ${PHONE_WIDTH}px phone`);
    await page.addScriptTag({ path: AXE_SCRIPT });
    const violations = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return result.violations.map((v) => ({
        id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
      }));
    }, AXE_TAGS);
    visited.push(what);
    for (const v of violations) {
      findings.push(`${what} (${new URL(page.url()).pathname}): ${v.id} (${v.help}) at ` +
        v.targets.join(", "));
    }
  }
  function report(kind) {
    expect(visited.length > 0, `no ${kind} page was checked`);
    expect(!findings.length, `${findings.length} violation(s):\n     ` + findings.join("\n     "));
  }
  return { audit, report, visited };
}
