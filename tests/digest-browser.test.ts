import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Alert } from "@corpus/model";
import { buildDigest } from "../apps/watcher/src/digest/build";
import { digestTitle } from "../apps/watcher/src/digest/format";
import { renderDigest } from "../apps/watcher/src/digest/render";
import { TEST_THEMES, testAlert, testMatch } from "./helpers/digest-fixtures";

// The HTML digest of hostile feed items, opened in headless Chromium. CI installs chromium
// (.ci/run), so there a missing browser fails the test; locally it is skipped, saying so.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const inCI = process.env.CI === "true" || process.env.CI === "1";
if (!available && !inCI) {
  process.stderr.write(`digest-browser.test.ts: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); CI runs it.\n`);
}

const hostile: Alert[] = [
  testAlert(1, "analyst", {
    title: `<script>window.__pwned = "script"; alert("script")</script> EU pact vote`,
    url: "javascript:window.__pwned='href';alert('href')",
    sources: [`<img src=x onerror="window.__pwned='source';alert('source')">`],
    matches: [
      {
        ...testMatch("asylum-reception-crisis", 0.8),
        evidence: {
          matchedTerms: [{ term: `<svg onload="window.__pwned='svg';alert('svg')">`, count: 1 }],
          topTerms: [],
          nearest: [{ id: "n1", title: `"><img src=x onerror=alert('nearest')>`, similarity: 0.5 }],
        },
      },
    ],
  }),
  testAlert(2, "analyst", {
    title: `Reception update <img src=x onerror="window.__pwned='img';alert('img')">`,
    url: "JaVaScRiPt:alert('mixed case')",
    matches: [testMatch("asylum-reception-crisis", 0.6), testMatch("return-reintegration", 0.5)],
  }),
  testAlert(3, "analyst", { title: "A normal item about return policy", url: "https://example.org/return?x=<b>", matches: [testMatch("return-reintegration", 0.7)] }),
];
const themes = [...TEST_THEMES.map((t) => ({ ...t })), { id: "border-management", label: "Borders <script>alert('label')</script>", scopeNote: `<a href="javascript:alert('scope')">x</a>` }];
hostile[2]!.matches.push(testMatch("border-management", 0.4));
const digest = buildDigest({ id: "20261125T080000Z-3f2a9c51d0", subscriber: "analyst", channel: "email", createdAt: new Date("2026-11-25T08:00:00Z"), alerts: hostile, themes });
const { html } = renderDigest(digest);
const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");

describe("HTML digest of hostile feed items", () => {
  it("contains no script tags, event handlers or javascript: URLs", () => {
    expect(withoutCsp).not.toBe(html); // the CSP was there to remove
    for (const needle of [/<script/i, /onerror=/i, /onload=/i, /javascript:/i, /<img/i, /<svg/i]) expect(html).not.toMatch(needle);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\//);
  });

  describe.skipIf(!available && !inCI)("in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      if (!available) throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it (apt-get install chromium)`);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function open(content: string): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("pageerror", (err) => errors.push(err.message));
      page.on("request", (req) => requests.push(req.url()));
      await page.setContent(content, { waitUntil: "load" });
      // give any deferred handler (onerror of a broken image) a chance to fire
      await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))");
      return { page, dialogs, errors, requests };
    }

    for (const [variant, content] of [
      ["as delivered (with its CSP)", html],
      ["with the CSP removed (escaping alone)", withoutCsp],
    ] as const) {
      it(`runs no script and renders the digest, ${variant}`, async () => {
        const { page, dialogs, errors, requests } = await open(content);
        try {
          expect(dialogs).toEqual([]);
          expect(errors).toEqual([]);
          // (page code as strings: the tests workspace compiles without the DOM lib)
          expect(await page.evaluate("typeof window.__pwned")).toBe("undefined");
          expect(await page.evaluate('document.querySelectorAll("script, img, svg, iframe, object, embed").length')).toBe(0);
          const handlers = await page.evaluate('[...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].map((a) => a.name).filter((n) => n.startsWith("on")))');
          expect(handlers).toEqual([]);
          const hrefs = (await page.evaluate('[...document.querySelectorAll("a")].map((a) => a.protocol)')) as string[];
          expect(hrefs.length).toBeGreaterThan(0);
          expect(hrefs.every((p) => p === "https:")).toBe(true);
          expect(requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:"))).toEqual([]);

          // it renders: title, headings and the hostile text shown as text
          expect(await page.title()).toBe(digestTitle(digest, {}));
          expect(await page.locator("h1").isVisible()).toBe(true);
          const sections = page.locator("h2");
          expect(await sections.count()).toBe(3);
          const headings = await page.locator("h3").allInnerTexts();
          expect(headings).toContain(`<script>window.__pwned = "script"; alert("script")</script> EU pact vote`);
          expect(headings).toContain("A normal item about return policy");
          for (const h of await page.locator("h3").all()) expect(await h.isVisible()).toBe(true);
          expect(await page.locator("h2", { hasText: "Borders <script>alert('label')</script>" }).isVisible()).toBe(true);
          expect(await page.locator("body").innerText()).toContain("Also in:");
        } finally {
          await page.close();
        }
      });
    }
  });
});
