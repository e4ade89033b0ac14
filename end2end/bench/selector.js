// Benchmark: the offer selector in the browser (wasm), over the same
// 5 000-offer catalog the native benchmark uses (written by
// `selector_bench --csv`). The catalog is imported through the admin's API,
// then the admin's selector simulator (Configuración → Ofertas) runs the
// selector in the page again and again for a Hogar cancellation customer;
// the page reports the time of `select` measured with performance.now(), both
// as the guide runs it (no reasons for the excluded offers) and with them.
// Runs plain and with the CPU slowed 4× (a mid-range tablet). Prints JSON
// with min / median / p95 / max in milliseconds.
//
// Usage: node selector.js BASE_URL CATALOG_CSV [RUNS]
const fs = require('node:fs');
const { chromium, request: http } = require('@playwright/test');

const baseURL = process.argv[2] ?? 'http://127.0.0.1:3200';
const csvPath = process.argv[3];
const runs = Number(process.argv[4] ?? 30);
const password = 'Faro.Demo.2026';

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
};

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
  const round = (v) => Math.round(v * 100) / 100;
  return { min: round(sorted[0]), median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]), runs: sorted.length };
}

async function importCatalog() {
  const api = await http.newContext({ baseURL });
  const csrf = (await (await api.get('/api/v1/auth/csrf')).json()).csrf_token;
  const login = await api.post('/api/v1/auth/login', { headers: { 'X-CSRF-Token': csrf }, data: { login: 'admin', password } });
  const token = (await login.json()).csrf_token;
  const reply = await api.post('/api/v1/offers/import', {
    headers: { 'X-CSRF-Token': token, 'Content-Type': 'text/csv' },
    data: fs.readFileSync(csvPath),
  });
  if (!reply.ok()) throw new Error(`import failed: ${reply.status()} ${await reply.text()}`);
  const offers = await (await api.get('/api/v1/offers')).json();
  await api.dispose();
  return offers.length;
}

async function measure(browser, cpuSlowdown) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
  const page = await context.newPage();
  if (cpuSlowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.goto(`${baseURL}/ingresar`);
  await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/configuracion$/);
  await page.goto(`${baseURL}/configuracion/ofertas`);
  const simulator = page.getByRole('region', { name: 'Simulador del selector' });
  const run = simulator.getByRole('button', { name: 'Calcular ofertas' });
  await run.waitFor();
  // Hydrated and the catalog loaded (the page fetches it once hydrated).
  await page.waitForLoadState('networkidle');
  await simulator.getByRole('checkbox', { name: 'Velocidad' }).check();
  const plain = [];
  const explained = [];
  let offers = 0;
  let eligible = '';
  for (let i = 0; i < runs + 3; i++) {
    await run.click();
    // The page numbers its runs: wait for this one's figure.
    const time = simulator.locator(`[data-testid=selector-tiempo][data-ejecucion="${i + 1}"]`);
    await time.waitFor();
    if (i < 3) continue; // warm-up
    plain.push(Number(await time.getAttribute('data-ms-guia')));
    explained.push(Number(await time.getAttribute('data-ms')));
    offers = Number(await time.getAttribute('data-offers'));
    eligible = await simulator.getByRole('heading', { name: /Ofertas para el cliente/ }).textContent();
  }
  await context.close();
  return { cpu_slowdown: cpuSlowdown, offers, eligible, select_ms: summary(plain), select_with_reasons_ms: summary(explained) };
}

(async () => {
  const imported = await importCatalog();
  const browser = await chromium.launch(launchOptions);
  try {
    const plain = await measure(browser, 1);
    const slow = await measure(browser, 4);
    console.log(JSON.stringify({ catalog: imported, plain, slow_cpu_4x: slow }));
  } finally {
    await browser.close();
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
