const { chromium } = require('@playwright/test');
(async () => {
  const [user, path, out, w, h] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, locale: 'es-CO' });
  await page.goto('http://127.0.0.1:3300/ingresar');
  await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
  await page.getByLabel('Usuario').fill(user);
  await page.getByLabel('Contraseña').fill('Faro.Demo.2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForLoadState('networkidle');
  await page.goto('http://127.0.0.1:3300' + path);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const sw = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].map(e => e.scrollWidth - e.clientWidth));
  console.log(out, 'table overflow px', JSON.stringify(sw));
  await page.screenshot({ path: out });
  await browser.close();
})();
