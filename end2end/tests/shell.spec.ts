// Signing in and out, and the Spanish shell of each role.
import { expect, test } from '@playwright/test';
import { login, logout, mainNav, screenshot } from './helpers';

test('un asesor ingresa, recorre su menú y cierra sesión', async ({ page }, testInfo) => {
  await login(page, 'asesor1');
  await expect(page).toHaveURL(/\/cola$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mi cola' })).toBeVisible();
  await expect(page).toHaveTitle('Mi cola · Faro');
  const nav = mainNav(page);
  for (const item of ['Mi cola', 'Llamada', 'Mis casos', 'Mis indicadores']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Equipo' })).toHaveCount(0);
  await expect(page.getByText('Camila Restrepo')).toBeVisible();
  await screenshot(page, testInfo, 'asesor-mi-cola');

  for (const [item, path] of [
    ['Llamada', '/llamada'],
    ['Mis casos', '/casos'],
    ['Mis indicadores', '/mis-indicadores'],
  ]) {
    await nav.getByRole('link', { name: item }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
    await expect(nav.getByRole('link', { name: item })).toHaveAttribute('aria-current', 'page');
  }
  await logout(page);
  // The session is really gone: a signed-in page sends us back to login.
  await page.goto('/cola');
  await expect(page).toHaveURL(/\/ingresar\?next=\/cola$/);
});

test('un supervisor ingresa, ve su equipo y cierra sesión', async ({ page }, testInfo) => {
  await login(page, 'supervisor1');
  await expect(page).toHaveURL(/\/equipo$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Equipo de Laura Gómez' })).toBeVisible();
  const team = page.getByRole('table', { name: 'Asesores del equipo' });
  await expect(team.getByRole('cell', { name: 'Camila Restrepo' })).toBeVisible();
  await expect(team.getByRole('cell', { name: 'Santiago Mejía' })).toBeVisible();
  // Another team's agents are not shown.
  await expect(page.getByText('Valentina Ríos')).toHaveCount(0);
  await screenshot(page, testInfo, 'supervisor-equipo');

  const nav = mainNav(page);
  for (const [item, path] of [
    ['Indicadores', '/indicadores'],
    ['Calendario', '/calendario'],
    ['Equipo', '/equipo'],
  ]) {
    await nav.getByRole('link', { name: item }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
  }
  await logout(page);
});

test('una contraseña equivocada muestra el error en español', async ({ page }, testInfo) => {
  await login(page, 'asesor1', 'no-es-la-clave');
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await expect(page).toHaveURL(/\/ingresar$/);
  // The password field is emptied and focused for the next try.
  await expect(page.getByLabel('Contraseña')).toHaveValue('');
  await expect(page.getByLabel('Contraseña')).toBeFocused();
  await screenshot(page, testInfo, 'ingreso-error');
});

test('los campos vacíos se señalan sin llamar al servidor', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByText('Escriba su usuario.')).toBeVisible();
  await expect(page.getByLabel('Usuario')).toHaveAttribute('aria-invalid', 'true');
});

for (const [user, home, heading] of [
  ['coordinador', '/equipo', 'Equipo'],
  ['gerente', '/equipo', 'Equipo'],
  ['backoffice', '/escalamientos', 'Escalamientos'],
  ['calidad', '/monitoreo', 'Monitoreo'],
  ['admin', '/configuracion', 'Configuración'],
]) {
  test(`el rol ${user} llega a su inicio en español`, async ({ page }, testInfo) => {
    await login(page, user);
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await screenshot(page, testInfo, `${user}-inicio`);
    await logout(page);
  });
}

test('después de ingresar vuelve a la página que pidió', async ({ page }) => {
  await page.goto('/mis-indicadores');
  await expect(page).toHaveURL(/\/ingresar\?next=\/mis-indicadores$/);
  await page.getByLabel('Usuario').fill('asesor2');
  await page.getByLabel('Contraseña').fill('Faro.Demo.2026');
  await page.getByLabel('Contraseña').press('Enter');
  await expect(page).toHaveURL(/\/mis-indicadores$/);
});

test('cuando la sesión termina, la siguiente acción lleva al ingreso y luego de vuelta', async ({ page, context }) => {
  await login(page, 'supervisor1');
  await expect(page).toHaveURL(/\/equipo$/);
  await mainNav(page).getByRole('link', { name: 'Calendario' }).click();
  await expect(page).toHaveURL(/\/calendario$/);
  // The session ends behind the page's back (as an idle timeout would).
  await context.clearCookies({ name: 'faro_session' });
  await mainNav(page).getByRole('link', { name: 'Equipo' }).click();
  await expect(page).toHaveURL(/\/ingresar\?next=\/equipo$/);
  await page.getByLabel('Usuario').fill('supervisor1');
  await page.getByLabel('Contraseña').fill('Faro.Demo.2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/equipo$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Equipo de Laura Gómez' })).toBeVisible();
});
