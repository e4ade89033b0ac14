// The agent's queue: next customer, the call page with its card, attempt
// results by keyboard, the dialer's screen-pop and its live alert.
import { expect, test } from '@playwright/test';
import { DIALER_SECRET, demoCuenta, login, logout, openBasesAllDay, screenshot } from './helpers';

const PROJECTS = ['escritorio', 'tableta', 'tableta-vertical'];

test.beforeEach(async ({ request }) => {
  await openBasesAllDay(request);
});

test('el asesor pide el siguiente cliente y registra el resultado con el teclado', async ({ page }, testInfo) => {
  await login(page, 'asesor1');
  await expect(page).toHaveURL(/\/cola$/);
  // Hydrated and listening to the dialer.
  await expect(page.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/hace \d\d:\d\d/)).toBeVisible();
  await screenshot(page, testInfo, 'cola');

  // "N" asks for the next customer; "L" opens the call.
  await page.locator('body').press('n');
  await expect(page.getByRole('link', { name: /Abrir llamada/ })).toBeVisible();
  await screenshot(page, testInfo, 'cola-siguiente');
  await page.locator('body').press('l');
  await expect(page).toHaveURL(/\/llamada\?registro=\d+/);
  await expect(page.getByRole('heading', { name: 'Resultado del intento' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Por qué llamamos', { exact: false })).toBeVisible();
  // Personal data is masked until asked for.
  await expect(page.getByRole('button', { name: 'Ver números' })).toBeVisible();
  await screenshot(page, testInfo, 'llamada');

  // Bad input: "Volver a llamar" without a date is refused and nothing is stored.
  await page.locator('body').press('7');
  await page.locator('body').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /volver a llamar/i })).toBeVisible();

  await page.locator('body').press('2');
  await expect(page.getByLabel('No contesta')).toBeChecked();
  await page.locator('body').press('Enter');
  await expect(page.getByText(/Resultado registrado: No contesta\. El cliente volverá a la cola/)).toBeVisible();
  await screenshot(page, testInfo, 'llamada-resultado');
});

test('el marcador contesta una llamada: alerta visible y sonora en la pestaña del asesor', async ({ page, request }, testInfo) => {
  const project = PROJECTS.indexOf(testInfo.project.name);
  // Customers of the "Abandonos Móvil" demo base, one per project run.
  const cuenta = demoCuenta(2, 20 + project);
  await login(page, 'asesor2');
  await expect(page).toHaveURL(/\/cola$/);
  await expect(page.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });
  // The agent has clicked in Faro (browsers only play sound after that).
  await page.getByRole('heading', { name: 'Mi cola' }).click();

  const sent = Date.now();
  const reply = await request.post('/api/v1/dialer/events', {
    headers: { 'X-Faro-Dialer-Secret': DIALER_SECRET },
    data: {
      event_id: `e2e-${testInfo.project.name}-${sent}`,
      kind: 'CONTESTADA',
      agent: 'asesor2',
      cuenta,
      base: 'Abandonos Móvil (demostración)',
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  const alert = page.getByRole('alertdialog', { name: 'Llamada contestada' });
  await expect(alert).toBeVisible({ timeout: 1_000 });
  const delay = Date.now() - sent;
  console.log(`[${testInfo.project.name}] alerta visible ${delay} ms después del evento`);
  await expect(alert).toContainText(cuenta);
  await expect(alert).toHaveAttribute('data-sonido', 'reproducido');
  await expect(page).toHaveTitle(/Llamada contestada/);
  await screenshot(page, testInfo, 'alerta-llamada');

  // Enter opens the customer.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/llamada\?registro=\d+/);
  await expect(page.getByText(cuenta).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Resultado del intento' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('la URL del marcador (screen-pop) abre el cliente para el asesor', async ({ page }, testInfo) => {
  const project = PROJECTS.indexOf(testInfo.project.name);
  const cuenta = demoCuenta(1, 40 + project);
  await login(page, 'asesor1');
  await expect(page).toHaveURL(/\/cola$/);
  await expect(page.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });
  await page.goto(`/llamada?cuenta=${cuenta}&base=${encodeURIComponent('Fidelización Hogar (demostración)')}`);
  await expect(page.getByText(cuenta).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Resultado del intento' })).toBeVisible();

  // A cuenta of the other team's base is refused, in Spanish.
  await page.goto(`/llamada?cuenta=${demoCuenta(3, 1)}&base=${encodeURIComponent('Detractores Hogar (demostración)')}`);
  await expect(page.getByText('No fue posible abrir el cliente')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('No tiene permiso para realizar esta acción.')).toBeVisible();
  await logout(page);
});

test('el administrador importa una base: errores por línea, luego el archivo corregido', async ({ page }, testInfo) => {
  const name = `Prueba ${testInfo.project.name} ${Date.now() % 100000}`;
  await login(page, 'admin');
  await expect(page).toHaveURL(/\/configuracion$/);
  await page.getByRole('link', { name: 'Bases' }).click();
  await expect(page.getByRole('heading', { name: 'Bases', exact: true })).toBeVisible();
  // The teams come from the server once the page is interactive.
  await page.getByLabel('Equipo de Laura Gómez').check();
  await page.getByLabel('Nombre de la base').fill(name);
  await page.getByLabel('Tipo de base').selectOption('CANCELACIONES');

  const header = 'cuenta;segmento;nombre;telefonos;valor_mensual;ofrecimientos\n';
  const bad = header + '900001;HOGAR;Ana Díaz;3001234567;120.000;DESC20\n900002;FIJO;Luis Mora;3001234568;90.000;\n900003;MOVIL;;3001234569;abc;\n';
  await page.getByLabel('Archivo CSV').setInputFiles({ name: 'cancelaciones.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByText(/problemas y no se importó nada/)).toBeVisible({ timeout: 20_000 });
  const problems = page.getByRole('table', { name: 'Problemas por línea' });
  await expect(problems.getByRole('row').filter({ hasText: 'segmento' })).toContainText('3');
  await expect(problems.getByRole('row').filter({ hasText: 'nombre' })).toContainText('4');
  await screenshot(page, testInfo, 'admin-importacion-errores');

  // Windows-1252, as Excel in Spanish saves it.
  const good = header + '900001;HOGAR;Ana Díaz;3001234567;120.000;DESC20\n900002;HOGAR;Luis Mora;3001234568;90.000;\n900003;MOVIL;Íngrid Peña;3001234569;55.900;\n';
  await page.getByLabel('Archivo CSV').setInputFiles({ name: 'cancelaciones.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'latin1') });
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByText(`Importación completada en la base «${name}»: 3 registros nuevos, 0 ya estaban en la base.`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Cancelaciones');
  await screenshot(page, testInfo, 'admin-importacion-completa');

  // The same file again adds nothing.
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByText(/3 registros nuevos, 0 ya estaban|0 registros nuevos/)).toBeVisible({ timeout: 20_000 });
});

test('el administrador ajusta las reglas de contacto y reintentos de una base', async ({ page, request }, testInfo) => {
  const base = 'Detractores Hogar (demostración)';
  await login(page, 'admin');
  await expect(page).toHaveURL(/\/configuracion$/);
  await page.getByRole('link', { name: 'Bases' }).click();
  await page.getByRole('button', { name: `Reglas de la base ${base}` }).click();
  const form = page.getByRole('form', { name: `Reglas de la base «${base}»` });
  await expect(form).toBeVisible();

  // Bad input is explained and nothing is saved.
  await form.getByLabel('Intentos máximos').fill('0');
  await form.getByRole('button', { name: 'Guardar reglas' }).click();
  await expect(form.getByRole('alert')).toContainText('Los intentos máximos debe ser un número entero mayor que cero.');

  await form.getByLabel('Intentos máximos').fill('4');
  await form.getByLabel('Domingo', { exact: true }).check();
  await form.getByLabel('Desde el domingo').fill('09:00');
  await form.getByLabel('Hasta el domingo').fill('13:00');
  await form.getByLabel('No contesta: volver en (minutos)').fill('45');
  await screenshot(page, testInfo, 'admin-reglas-base');
  await form.getByRole('button', { name: 'Guardar reglas' }).click();
  await expect(form.getByText('Reglas guardadas.')).toBeVisible();

  const bases = await (await page.request.get('/api/v1/bases')).json();
  const saved = bases.find((b: { name: string }) => b.name === base);
  expect(saved.retry_rules.max_attempts).toBe(4);
  expect(saved.retry_rules.retry_minutes.NO_CONTESTA).toBe(45);
  expect(saved.contact_policy.windows).toContainEqual({ weekday: 7, start: '09:00:00', end: '13:00:00' });
  void request;
});
