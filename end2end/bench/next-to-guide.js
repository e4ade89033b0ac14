// Benchmark: time from pressing "Siguiente cliente" in Mi cola to the call
// guide being interactive (the first step's heading has the focus, so the
// agent can answer), in Debian's headless Chromium: the next record is
// handed out, the call page opens with the customer card, the guide starts
// and loads its procedure version. After each run the call is ended ("el
// cliente colgó", no contesta) so the next run gets a fresh customer.
// Runs plain and with the CPU slowed 4× (a mid-range tablet). Prints JSON
// with min / median / max in milliseconds.
//
// Usage: node next-to-guide.js BASE_URL [RUNS]
const { chromium } = require('@playwright/test');

const baseURL = process.argv[2] ?? 'http://127.0.0.1:3200';
const runs = Number(process.argv[3] ?? 10);
const password = 'Faro.Demo.2026';

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

/** Lets the demo bases be called at any hour (the figure must not depend on the clock). */
async function openBasesAllDay(request) {
  const csrf = (await (await request.get(`${baseURL}/api/v1/auth/csrf`)).json()).csrf_token;
  const login = await request.post(`${baseURL}/api/v1/auth/login`, {
    headers: { 'X-CSRF-Token': csrf }, data: { login: 'admin', password },
  });
  const token = (await login.json()).csrf_token;
  const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00:00', end: '23:59:59' }));
  for (const base of await (await request.get(`${baseURL}/api/v1/bases`)).json()) {
    await request.patch(`${baseURL}/api/v1/bases/${base.id}`, {
      headers: { 'X-CSRF-Token': token }, data: { contact_policy: { windows, skip_holidays: false } },
    });
  }
}

async function measure(browser, cpuSlowdown) {
  const times = [];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
  const page = await context.newPage();
  if (cpuSlowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.goto(`${baseURL}/ingresar`);
  await page.getByRole('button', { name: 'Ingresar' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
  await page.getByLabel('Usuario').fill(cpuSlowdown > 1 ? 'asesor2' : 'asesor1');
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/cola$/);
  for (let i = 0; i < runs; i++) {
    await page.goto(`${baseURL}/cola`);
    await page.getByText('Alertas del marcador: conectadas').waitFor({ timeout: 30_000 });
    const start = performance.now();
    await page.locator('body').press('n');
    await page.getByRole('link', { name: /Abrir llamada/ }).click();
    await page.getByRole('button', { name: /iniciar la guía/ }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'paso-actual', null, { timeout: 30_000 });
    times.push(performance.now() - start);
    // End the call: hung up, no answer.
    await page.getByRole('button', { name: 'El cliente colgó' }).click();
    await page.getByRole('button', { name: 'Sí, terminar' }).click();
    await page.getByLabel('No contesta').check();
    await page.getByRole('button', { name: /Registrar resultado/ }).click();
    await page.getByText(/Resultado registrado/).waitFor();
  }
  await context.close();
  return { next_client_to_interactive_guide_ms: summary(times) };
}

(async () => {
  const browser = await chromium.launch(launchOptions);
  const request = (await browser.newContext()).request;
  await openBasesAllDay(request);
  const result = { cpu_1x: await measure(browser, 1), cpu_4x_slower: await measure(browser, 4) };
  await browser.close();
  console.log(JSON.stringify(result, null, 2));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
