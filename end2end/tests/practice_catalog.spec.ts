// Configuración → Prácticas: the administrator edits the catalog of the
// management practices one practice at a time. A goal of zero or a practice
// nobody runs is refused in Spanish and nothing changes; a saved change
// shows the new goal and lands in the history with who made it; the
// catalog is put back as it was so the other tests plan with the
// procedure's. Leaders may read the catalog in their calendar but not open
// this page.
import { expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { login, logout, screenshot } from './helpers';

function press(testInfo: TestInfo) {
  const touch = testInfo.project.name === 'tableta-vertical';
  return async (target: Locator) => (touch ? target.tap() : target.click());
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

test('el administrador edita una práctica del catálogo con su historial', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const act = press(testInfo);
  await login(page, 'admin');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await open(page, '/configuracion');
  await act(page.getByRole('link', { name: 'Prácticas', exact: true }));
  await expect(page).toHaveURL(/\/configuracion\/practicas$/);

  const functions = page.getByRole('form', { name: 'Confirmación de funciones' });
  await expect(functions).toContainText('Meta vigente: coordinador: 3 a la semana · gerente: 1 a la semana');
  await expect(functions.getByLabel('Meta supervisor')).toHaveValue('');
  await expect(functions.getByLabel('Meta coordinador')).toHaveValue('3');

  // A goal of zero: refused by the shared rules, nothing saved.
  await functions.getByLabel('Meta gerente').fill('0');
  await act(functions.getByRole('button', { name: 'Guardar' }));
  await expect(functions.getByRole('alert')).toContainText('la meta de gerente debe estar entre 1 y 20 a la semana');
  // Nobody runs it: refused too.
  await functions.getByLabel('Meta coordinador').fill('');
  await functions.getByLabel('Meta gerente').fill('');
  await act(functions.getByRole('button', { name: 'Guardar' }));
  await expect(functions.getByRole('alert')).toContainText('indique al menos un rol responsable');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
  await expect(functions.getByLabel('Meta coordinador')).toHaveValue('3');

  // The continuous-improvement meeting, shorter and with a goal for the
  // gerente: saved and in the history.
  const meeting = page.getByRole('form', { name: 'Reunión de mejora continua' });
  await meeting.getByLabel('Duración (minutos)').fill('45');
  await meeting.getByLabel('Meta gerente').fill('1');
  await act(meeting.getByRole('button', { name: 'Guardar' }));
  await expect(meeting.getByRole('status')).toHaveText(
    'Guardada (activa): supervisor: 1 a la quincena · coordinador: 1 a la quincena · gerente: 1 a la quincena.',
  );
  const history = page.getByRole('region', { name: 'Historial' });
  const line = history.getByRole('row').filter({ hasText: 'Duración: 60 → 45 min' }).first();
  await expect(line).toContainText('Diana Rojas');
  await expect(line).toContainText('Práctica de gestión');
  await expect(line).toContainText('MEJORA_CONTINUA');
  await screenshot(page, testInfo, 'catalogo-practicas');

  // Back to the procedure's catalog.
  await meeting.getByLabel('Duración (minutos)').fill('60');
  await meeting.getByLabel('Meta gerente').fill('');
  await act(meeting.getByRole('button', { name: 'Guardar' }));
  await expect(meeting.getByRole('status')).toHaveText(
    'Guardada (activa): supervisor: 1 a la quincena · coordinador: 1 a la quincena.',
  );
  await expect(history.getByRole('row').filter({ hasText: 'Duración: 45 → 60 min' }).first()).toBeVisible();
  await logout(page);
});

test('un líder no abre la configuración de las prácticas', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'escritorio', 'the same rule on every screen');
  await login(page, 'gerente');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await page.goto('/configuracion/practicas');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('form', { name: 'Reunión de mejora continua' })).toHaveCount(0);
});
