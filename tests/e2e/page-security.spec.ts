import { expect, test } from './fixtures';

test('the page has no Node, no inline script, and a strict CSP', async ({ page, workbench }) => {
  const response = await page.goto(workbench.url);
  const csp = response!.headers()['content-security-policy']!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.getByRole('button', { name: 'Add article' })).toBeVisible();
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', inlineScripts: 0 });
});
