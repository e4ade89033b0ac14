// Keyboard use, focus, touch targets, forbidden and missing pages.
import { expect, test } from '@playwright/test';
import { login, mainNav, screenshot } from './helpers';

test('el enlace para saltar al contenido es lo primero al tabular', async ({ page }) => {
  await login(page, 'asesor1');
  await expect(page).toHaveURL(/\/cola$/);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Saltar al contenido' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#contenido')).toBeFocused();
});

test('el foco es visible', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByLabel('Usuario').focus();
  await page.keyboard.press('Tab');
  const outline = await page.getByLabel('Contraseña').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('se ingresa solo con el teclado', async ({ page }) => {
  await page.goto('/ingresar');
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeEnabled();
  await expect(page.getByLabel('Usuario')).toBeFocused();
  await page.keyboard.type('asesor3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Faro.Demo.2026');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cola$/);
});

test('en tableta los controles miden al menos 44 px', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'escritorio', 'tablet layouts only');
  await login(page, 'supervisor2');
  await expect(page).toHaveURL(/\/equipo$/);
  // Signing in loads a new document: measure once its stylesheet applies
  // (on a busy machine the URL changes well before it does).
  await page.waitForLoadState('load');
  const targets = [
    ...(await mainNav(page).getByRole('link').all()),
    page.getByRole('button', { name: 'Cerrar sesión' }),
  ];
  for (const target of targets) {
    const box = await target.boundingBox();
    expect(box, 'visible').not.toBeNull();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
  }
  // Nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, 'supervisor2-equipo');
});

test('una página de otro rol se niega en español', async ({ page }) => {
  await login(page, 'asesor1');
  await expect(page).toHaveURL(/\/cola$/);
  await page.goto('/configuracion');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
});

test('una dirección que no existe muestra la página de no encontrada', async ({ page }, testInfo) => {
  const response = await page.goto('/no-existe');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await screenshot(page, testInfo, 'no-encontrada');
});

test('el perfil permite cambiar la contraseña', async ({ page }) => {
  await login(page, 'asesor4');
  await expect(page).toHaveURL(/\/cola$/);
  await page.getByRole('link', { name: /Mateo Herrera/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mi perfil' })).toBeVisible();
  await page.getByLabel('Contraseña actual').fill('Faro.Demo.2026');
  await page.getByLabel('Nueva contraseña', { exact: true }).fill('corta');
  await page.getByLabel('Confirme la nueva contraseña').fill('corta');
  await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(page.getByText('La contraseña debe tener al menos 10 caracteres.')).toBeVisible();
});
