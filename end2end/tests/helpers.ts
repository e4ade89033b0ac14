// Shared steps of the browser tests.
import { expect, Page, TestInfo } from '@playwright/test';
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
