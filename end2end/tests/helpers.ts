// Shared steps of the browser tests.
import { APIRequestContext, expect, Page, TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_PASSWORD = 'Faro.Demo.2026';

/** Signs in through the login form, as a person would. */
export async function login(page: Page, user: string, password = DEMO_PASSWORD) {
  await page.goto('/ingresar');
  await page.getByLabel('Usuario').fill(user);
  await page.getByLabel('Contraseña').fill(password);
  // The button is enabled once the page is hydrated.
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

/** Signs out with the shell's button and checks we are back at the login. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/ingresar$/);
  await expect(page.getByRole('heading', { name: 'Ingresar' })).toBeVisible();
}

/**
 * Saves a screenshot under end2end/output/screenshots/<project>/, after
 * checking the page does not scroll sideways (a layout that does not fit).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  // Layout is only final once the stylesheet of a freshly loaded page applies.
  await page.waitForLoadState('load');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: the page is wider than the ${testInfo.project.name} screen`).toBeLessThanOrEqual(0);
  const dir = path.join(__dirname, '..', 'output', 'screenshots', testInfo.project.name);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** The main navigation region. */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Principal' });
}

/** The dialer's shared secret the test server runs with. */
export const DIALER_SECRET = 'e2e-clave-del-marcador-2026';

/**
 * Signs in as the administrator through the API (not the page) and answers a
 * function that sends state-changing requests with the session's token.
 */
export async function adminApi(request: APIRequestContext) {
  const csrf = (await (await request.get('/api/v1/auth/csrf')).json()).csrf_token;
  const login = await request.post('/api/v1/auth/login', {
    headers: { 'X-CSRF-Token': csrf },
    data: { login: 'admin', password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const token = (await login.json()).csrf_token;
  return (method: 'POST' | 'PATCH' | 'PUT', url: string, data: unknown) =>
    request.fetch(url, { method, headers: { 'X-CSRF-Token': token }, data });
}

/**
 * Lets every demo base be called at any hour, so the tests do not depend on
 * the time of day (the default policy stops calls at night and on Sundays).
 */
export async function openBasesAllDay(request: APIRequestContext) {
  const send = await adminApi(request);
  const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00:00', end: '23:59:59' }));
  const bases = await (await request.get('/api/v1/bases')).json();
  for (const base of bases) {
    const reply = await send('PATCH', `/api/v1/bases/${base.id}`, { contact_policy: { windows, skip_holidays: false } });
    expect(reply.status()).toBe(200);
  }
}

/** The cuenta of the n-th customer of a demo base (as the demo generator makes them). */
export function demoCuenta(base: number, n: number): string {
  return String(80_000_000 + (base * 1000 + n) * 37);
}
