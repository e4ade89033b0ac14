// Benchmark: time from pressing "Ingresar" to the first signed-in page being
// interactive (hydrated: the shell's "Cerrar sesión" button is enabled), in
// Debian's headless Chromium. Each run uses a fresh browser context (cold
// cache, no cookies). Runs plain and with the CPU slowed 4× (a mid-range
// tablet). Prints JSON with min / median / max in milliseconds.
//
// Usage: node login-to-interactive.js BASE_URL [RUNS]
const { chromium } = require('@playwright/test');

const baseURL = process.argv[2] ?? 'http://127.0.0.1:3200';
const runs = Number(process.argv[3] ?? 10);

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
};

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { min: Math.round(sorted[0]), median: Math.round(median), max: Math.round(sorted[sorted.length - 1]), runs: sorted.length };
}

async function measure(browser, cpuSlowdown) {
  const loginPage = [];
  const loginToInteractive = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CO' });
    const page = await context.newPage();
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    }
    const user = `asesor${(i % 4) + 1}`;
    let start = performance.now();
    await page.goto(`${baseURL}/ingresar`);
    await page.getByRole('button', { name: 'Ingresar' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
    loginPage.push(performance.now() - start);

    await page.getByLabel('Usuario').fill(user);
    await page.getByLabel('Contraseña').fill('Faro.Demo.2026');
    start = performance.now();
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/cola$/);
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Cerrar sesión'));
      return button && !button.disabled;
    });
    loginToInteractive.push(performance.now() - start);
    await context.close();
  }
  return { login_page_interactive_ms: summary(loginPage), login_to_first_interactive_page_ms: summary(loginToInteractive) };
}

(async () => {
  const browser = await chromium.launch(launchOptions);
  const result = { cpu_1x: await measure(browser, 1), cpu_4x_slower: await measure(browser, 4) };
  await browser.close();
  console.log(JSON.stringify(result, null, 2));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
