// The back office's escalation queue: an agent escalates a support call to
// DIME, the back office sees it with its SLA, takes it, answers with a
// callback (the agent is alerted at once) and resolves it; the answers stay
// on the agent's case. Also the SLA settings and the refusals.
import { APIRequestContext, Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { adminApi, DEMO_PASSWORD, demoCuenta, login, openBasesAllDay, screenshot } from './helpers';

const PROJECTS = ['escritorio', 'tableta', 'tableta-vertical'];

test.beforeEach(async ({ request }) => {
  await openBasesAllDay(request);
});

async function baseId(request: APIRequestContext, name: string): Promise<number> {
  await adminApi(request);
  const bases = await (await request.get('/api/v1/bases')).json();
  const found = bases.find((b: { name: string }) => b.name === name);
  expect(found, `base ${name}`).toBeTruthy();
  return found.id;
}

/** Signs in and waits for the landing page (the session is set). */
async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** A second person at another computer, on the same screen size. */
async function otherPerson(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { baseURL, viewport, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, hasTouch, locale: 'es-CO', timezoneId: 'America/Bogota' });
  return context.newPage();
}

/** Signs in through the API as `user`; answers a sender of state-changing requests. */
async function apiAs(request: APIRequestContext, user: string) {
  const csrf = (await (await request.get('/api/v1/auth/csrf')).json()).csrf_token;
  const reply = await request.post('/api/v1/auth/login', {
    headers: { 'X-CSRF-Token': csrf },
    data: { login: user, password: DEMO_PASSWORD },
  });
  expect(reply.status()).toBe(200);
  const token = (await reply.json()).csrf_token;
  return (method: 'POST' | 'PUT', url: string, data?: unknown) =>
    request.fetch(url, { method, headers: { 'X-CSRF-Token': token }, data });
}

async function startCall(page: Page, cuenta: string, base: number) {
  await page.goto(`/llamada?cuenta=${cuenta}&base=${base}`);
  await expect(page.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /iniciar la guía/ }).click();
  await expect(page.getByRole('heading', { name: 'Paso 1. Contacto y bienvenida' })).toBeVisible({ timeout: 20_000 });
}

function group(page: Page, name: string | RegExp) {
  return page.getByRole('group', { name });
}

async function choose(page: Page, question: string | RegExp, option: string) {
  await group(page, question).getByLabel(option, { exact: true }).check();
}

async function next(page: Page, heading: string) {
  await page.getByRole('button', { name: /Siguiente paso/ }).click();
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
}

/** Bogotá local time (UTC−5, no daylight saving) as a datetime-local value. */
function bogotaLocal(offsetMs: number): string {
  return new Date(Date.now() + offsetMs - 5 * 3600_000).toISOString().slice(0, 16);
}

/** The same instant as Faro shows it: dd/mm/aaaa hh:mm. */
function shown(local: string): string {
  const [day, time] = local.split('T');
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y} ${time}`;
}

/** asesor1 runs a support call that ends escalated to DIME; answers the case number. */
async function escalateToDime(page: Page, cuenta: string, base: number, data: string): Promise<number> {
  await startCall(page, cuenta, base);
  await choose(page, /Habla con el titular/, 'Sí');
  await page.getByLabel('Cuenta validada con los datos personales del cliente').check();
  await next(page, 'Paso 2. Interpretar el requerimiento según la base');
  await choose(page, 'Estado del servicio contratado', 'Activo con falla');
  await choose(page, 'Requerimiento del cliente', 'Soporte técnico');
  await next(page, 'Paso 3. Soporte');

  await choose(page, 'Servicio afectado', 'Internet');
  await choose(page, 'Tipo de falla', 'Falla puntual');
  await page.getByLabel('Falla confirmada en T&D').check();
  await choose(page, /correctamente asociados/, 'No');
  await page.getByLabel('Descartadas fallas masivas o mantenimientos en la zona').check();
  await choose(page, /cable módem está enganchado/, 'Sí');
  await choose(page, /vecinos/, 'Sí');
  await choose(page, /quedó solucionada/, 'No');
  await choose(page, 'Resolución de soporte', 'DIME (error de inventario)');
  await page.getByLabel('Datos del escalamiento').fill(data);
  await next(page, 'Paso 7. Tipificación');

  await page.keyboard.press('Alt+S');
  await expect(page.getByLabel('Marcación (tipificación)')).toHaveValue('SOP_ESCALADO_DIME');
  await page.getByLabel('Tickler dejado en AC (Ctrl+Shift+T)').check();
  await page.getByLabel('Notas de la gestión').fill('Escalado a DIME por inventario.');
  await next(page, 'Paso 8. Cierre');

  await page.getByLabel('Resolución o seguimiento informado al cliente').check();
  await page.getByLabel('El cliente no tiene más solicitudes').check();
  await page.keyboard.press('Alt+S');
  await expect(group(page, 'Estado del caso').getByLabel('Seguimiento: escalamientos')).toBeChecked();
  await page.getByLabel('Devolución de llamada (hora de Bogotá)').fill(bogotaLocal(3 * 24 * 3600_000));
  await page.getByRole('button', { name: /Cerrar interacción/ }).click();
  await expect(page.getByRole('heading', { name: 'Interacción cerrada' })).toBeVisible();
  const closed = page.getByText(/Caso #\d+ en seguimiento \(Escalamientos\)/);
  await expect(closed).toBeVisible();
  return Number((await closed.innerText()).match(/#(\d+)/)![1]);
}

test('ciclo de un escalamiento DIME: el back office lo toma, responde con devolución y lo resuelve; el asesor lo ve', async ({ page, request, browser }, testInfo) => {
  test.setTimeout(150_000);
  const p = PROJECTS.indexOf(testInfo.project.name);
  const base = await baseId(request, 'Abandonos Móvil (demostración)');
  const cuenta = demoCuenta(2, [11, 26, 29][p]);
  const data = `Servicios mal asociados en RR F10 (${testInfo.project.name}); el cliente atiende de 8 a 12.`;

  await signIn(page, 'asesor1');
  const caseId = await escalateToDime(page, cuenta, base, data);
  // The agent stays on Mis casos: the answer must reach this tab live.
  await page.getByRole('link', { name: 'Mis casos' }).first().click();
  await expect(page.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });

  // The back office, at another computer.
  const office = await otherPerson(browser, testInfo);
  await signIn(office, 'backoffice');
  await office.goto('/escalamientos');
  await expect(office.getByRole('heading', { level: 1, name: 'Escalamientos' })).toBeVisible();
  const row = office.getByRole('row').filter({ hasText: cuenta });
  await expect(row).toContainText('Error de inventario (DIME)', { timeout: 20_000 });
  await expect(row).toContainText('Camila Restrepo');
  await expect(row).toContainText('Pendiente');
  // 48 h by default.
  await expect(row).toContainText(/Vence en (2 d|1 d 23 h)/);
  await screenshot(office, testInfo, 'escalamientos-cola');

  // Filters: DIME only keeps it; another kind leaves it out.
  await office.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Técnico de confianza' });
  await expect(office.getByRole('row').filter({ hasText: cuenta })).toHaveCount(0);
  await office.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Error de inventario (DIME)' });
  await expect(row).toBeVisible();

  // The detail opens with the keyboard and takes the focus.
  await row.getByRole('button', { name: /Ver detalle/ }).focus();
  await office.keyboard.press('Enter');
  const detail = office.getByRole('region', { name: /Escalamiento #\d+ · Error de inventario \(DIME\)/ });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail).toContainText(data);
  await expect(detail).toContainText(`#${caseId}`);
  await expect(detail).toContainText('El back office aún no ha respondido.');

  await detail.getByRole('button', { name: 'Tomar' }).click();
  await expect(detail).toContainText('Escalamiento tomado');
  await expect(row).toContainText('En gestión');
  await expect(row).toContainText('Paola Castro');

  // An answer needs its text; the message is beside the field.
  await detail.getByRole('button', { name: 'Responder', exact: true }).click();
  await expect(detail.getByText('Escriba la respuesta para el asesor.')).toBeVisible();
  const callback = bogotaLocal(24 * 3600_000);
  const answer = 'Inventario corregido en DIME; confirme con el cliente que navega.';
  await detail.getByLabel('Respuesta', { exact: true }).fill(answer);
  await detail.getByLabel('Devolución de llamada (hora de Bogotá)').fill(callback);
  await detail.getByRole('button', { name: 'Responder', exact: true }).click();
  await expect(detail).toContainText('Respuesta enviada al asesor.');
  await expect(detail.getByRole('listitem').filter({ hasText: answer })).toContainText('Paola Castro');
  await expect(detail).toContainText(`Devolución de llamada: ${shown(callback)}`);
  await screenshot(office, testInfo, 'escalamientos-detalle');

  // Two days later (the browser's clock only) it is overdue, in red and in words.
  const later = await otherPerson(browser, testInfo);
  await later.clock.setFixedTime(new Date(Date.now() + 49 * 3600_000));
  await signIn(later, 'backoffice');
  await later.goto('/escalamientos');
  const lateRow = later.getByRole('row').filter({ hasText: cuenta });
  const overdue = lateRow.getByText(/Vencido hace/);
  await expect(overdue).toContainText(/Vencido hace (1 h|\d+ min)/, { timeout: 20_000 });
  await expect(overdue).toHaveClass(/badge--danger/);
  await expect(later.getByRole('status').filter({ hasText: /escalamientos? · / })).toContainText(/· [1-9]\d* vencidos?/);
  await screenshot(later, testInfo, 'escalamientos-vencido');
  await later.context().close();

  // The agent is alerted without losing the focus.
  const alert = page.getByRole('status').filter({ hasText: 'El back office respondió' });
  await expect(alert).toContainText(`El back office respondió el escalamiento del caso #${caseId} (cuenta ${cuenta}): «${answer}»`, { timeout: 20_000 });
  const focusInAlert = await page.evaluate(() => !!document.activeElement?.closest('.escalation-alerts'));
  expect(focusInAlert).toBe(false);
  // The open list of cases follows: the callback is the one the back office set.
  await expect(page.getByRole('row').filter({ hasText: cuenta })).toContainText(shown(callback));
  await screenshot(page, testInfo, 'asesor-aviso-escalamiento');
  await alert.getByRole('button', { name: /Descartar/ }).click();
  await expect(page.getByText(/El back office respondió el escalamiento del caso/)).toHaveCount(0);

  // Resolved: it leaves the open queue and shows under "Resuelta".
  const closing = 'Caso cerrado: servicios asociados correctamente.';
  await detail.getByLabel('Respuesta', { exact: true }).fill(closing);
  // A callback ahead, so no due callback is left for the agent's other tests.
  await detail.getByLabel('Devolución de llamada (hora de Bogotá)').fill(bogotaLocal(2 * 24 * 3600_000));
  await detail.getByRole('button', { name: 'Resolver' }).click();
  await expect(detail).toContainText('Escalamiento resuelto');
  await expect(detail.getByRole('button', { name: 'Tomar' })).toHaveCount(0);
  await expect(detail.getByLabel('Respuesta', { exact: true })).toHaveCount(0);
  await expect(office.getByRole('row').filter({ hasText: cuenta })).toHaveCount(0);
  await office.getByLabel('Estado', { exact: true }).selectOption({ label: 'Resuelta' });
  await expect(row).toContainText('Resuelto a tiempo');
  // Closing the detail gives the focus back to the row's button.
  await detail.getByRole('button', { name: 'Cerrar detalle' }).click();
  await expect(row.getByRole('button', { name: /Ver detalle/ })).toBeFocused();
  await office.context().close();

  // The agent's case keeps both answers with their author.
  await expect(page.getByText(`El back office resolvió el escalamiento del caso #${caseId}`)).toBeVisible({ timeout: 20_000 });
  await page.reload();
  const caseRow = page.getByRole('row').filter({ hasText: cuenta });
  await caseRow.getByRole('button', { name: 'Historial' }).click();
  const section = page.getByRole('region', { name: 'Escalamientos', exact: true });
  await expect(section).toContainText('Error de inventario (DIME)');
  await expect(section).toContainText('Resuelta');
  await expect(section.getByRole('listitem').filter({ hasText: answer }).last()).toContainText('Paola Castro');
  await expect(section.getByRole('listitem').filter({ hasText: closing }).last()).toContainText('Resolvió el escalamiento');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'mis-casos-escalamiento');
});

test('el asesor reprograma y cancela la visita de su caso, siempre con motivo', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const p = PROJECTS.indexOf(testInfo.project.name);
  const base = await baseId(request, 'Abandonos Móvil (demostración)');
  const cuenta = demoCuenta(2, [12, 24, 28][p]);
  await signIn(page, 'asesor1');
  await startCall(page, cuenta, base);
  await choose(page, /Habla con el titular/, 'Sí');
  await page.getByLabel('Cuenta validada con los datos personales del cliente').check();
  await next(page, 'Paso 2. Interpretar el requerimiento según la base');
  await choose(page, 'Estado del servicio contratado', 'Activo con falla');
  await choose(page, 'Requerimiento del cliente', 'Soporte técnico');
  await next(page, 'Paso 3. Soporte');
  await choose(page, 'Servicio afectado', 'Internet');
  await choose(page, 'Tipo de falla', 'Falla puntual');
  await page.getByLabel('Falla confirmada en T&D').check();
  await choose(page, /correctamente asociados/, 'Sí');
  await page.getByLabel('Descartadas fallas masivas o mantenimientos en la zona').check();
  await choose(page, /cable módem está enganchado/, 'No');
  await choose(page, /vecinos/, 'Sí');
  await choose(page, /quedó solucionada/, 'No');
  await choose(page, 'Resolución de soporte', 'Visita técnica (falla física)');
  await next(page, 'Paso 4. Visita técnica');
  await choose(page, 'Tipo de visita', 'LLS (RR F23)');
  await page.getByLabel('Motivo de la visita').fill('Cable módem sin enganche.');
  await page.getByLabel('Dirección y teléfono de contacto confirmados con el cliente').check();
  // The first slot of the demo agenda with room.
  const picker = group(page, 'Cupo de la visita');
  await picker.locator('button.visit-slot__slot:not([disabled])').first().click();
  await expect(picker.getByText(/Visita agendada: /)).toBeVisible();
  await page.getByLabel('Número de la orden').fill('12345678');
  await next(page, 'Paso 7. Tipificación');
  await page.keyboard.press('Alt+S');
  await expect(page.getByLabel('Marcación (tipificación)')).toHaveValue('SOP_VISITA_TECNICA');
  await page.getByLabel('Tickler dejado en AC (Ctrl+Shift+T)').check();
  await page.getByLabel('Notas de la gestión').fill('Visita agendada.');
  await next(page, 'Paso 8. Cierre');
  await page.getByLabel('Resolución o seguimiento informado al cliente').check();
  await page.getByLabel('El cliente no tiene más solicitudes').check();
  await page.keyboard.press('Alt+S');
  await page.getByLabel('Devolución de llamada (hora de Bogotá)').fill(bogotaLocal(3 * 24 * 3600_000));
  await page.getByRole('button', { name: /Cerrar interacción/ }).click();
  await expect(page.getByRole('heading', { name: 'Interacción cerrada' })).toBeVisible();

  await page.getByRole('link', { name: 'Mis casos' }).first().click();
  await page.getByRole('row').filter({ hasText: cuenta }).getByRole('button', { name: 'Historial' }).click();
  const visits = page.getByRole('region', { name: 'Visitas técnicas' });
  const visit = visits.getByRole('row').filter({ hasText: '12345678' });
  await expect(visit).toContainText('LLS (RR F23)');
  await expect(visit).toContainText('Agendada');
  await expect(visit).toContainText('Cable módem sin enganche.');

  // Rescheduling needs another slot and a reason.
  await visit.getByRole('button', { name: 'Reprogramar' }).click();
  const form = page.getByRole('form', { name: 'Reprogramar la visita' });
  await form.getByRole('button', { name: 'Confirmar reprogramación' }).click();
  await expect(form.getByText('Elija el nuevo cupo.')).toBeVisible();
  await expect(form.getByText('Escriba el motivo de la reprogramación.')).toBeVisible();
  const choice = form.getByLabel('Nuevo cupo');
  await expect(choice).toContainText('cupo actual');
  const free = await choice.locator('option:not([disabled]):not([value=""])').first().getAttribute('value');
  await choice.selectOption(free!);
  await form.getByLabel('Motivo de la reprogramación').fill('El cliente viaja ese día.');
  await screenshot(page, testInfo, 'caso-reprogramar-visita');
  await form.getByRole('button', { name: 'Confirmar reprogramación' }).click();
  await expect(visits.getByRole('status')).toContainText('Visita reprogramada para el');
  await expect(visit).toContainText('Motivo del cambio: El cliente viaja ese día.');

  await visit.getByRole('button', { name: 'Cancelar visita' }).click();
  const cancel = page.getByRole('form', { name: 'Cancelar la visita' });
  await cancel.getByRole('button', { name: 'Confirmar cancelación' }).click();
  await expect(cancel.getByText('Escriba el motivo de la cancelación.')).toBeVisible();
  await cancel.getByLabel('Motivo de la cancelación').fill('El cliente resolvió con un reinicio.');
  await cancel.getByRole('button', { name: 'Confirmar cancelación' }).click();
  await expect(visits.getByRole('status')).toContainText('Visita cancelada');
  await expect(visit).toContainText('Cancelada');
  await expect(visit.getByRole('button', { name: 'Reprogramar' })).toHaveCount(0);
});

test('el administrador configura las horas de respuesta de cada tipo', async ({ page }, testInfo) => {
  await signIn(page, 'admin');
  await page.goto('/configuracion/escalamientos');
  await expect(page.getByRole('link', { name: 'Escalamientos' }).first()).toBeVisible();
  const dime = page.getByLabel('Error de inventario (DIME)');
  await expect(dime).toHaveValue('48', { timeout: 20_000 });
  await dime.fill('0');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Escriba un número entero de horas, desde 1.')).toBeVisible();
  // The server's limit comes back beside the field.
  await dime.fill('721');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Error de inventario (DIME): el tiempo de respuesta va de 1 a 720 horas.')).toBeVisible();
  await dime.fill('36');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tiempos de respuesta guardados' })).toBeVisible();
  await screenshot(page, testInfo, 'configuracion-escalamientos');
  await page.reload();
  await expect(page.getByLabel('Error de inventario (DIME)')).toHaveValue('36');
  // Back to the default, for the other screen sizes' runs.
  await page.getByLabel('Error de inventario (DIME)').fill('48');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tiempos de respuesta guardados' })).toBeVisible();
});

test('un asesor no trabaja la cola de escalamientos', async ({ page, request }) => {
  await signIn(page, 'asesor1');
  const response = await page.goto('/escalamientos');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
  const send = await apiAs(request, 'asesor1');
  expect((await send('POST', '/api/v1/escalations/1/take')).status()).toBe(403);
  expect((await request.get('/api/v1/escalations')).status()).toBe(403);
  expect((await send('PUT', '/api/v1/escalation-slas', [{ kind: 'DIME', hours: 1 }])).status()).toBe(403);
});

test('el back office no cambia los tiempos de respuesta', async ({ page, request }) => {
  await signIn(page, 'backoffice');
  await page.goto('/configuracion/escalamientos');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
  const send = await apiAs(request, 'backoffice');
  expect((await send('PUT', '/api/v1/escalation-slas', [{ kind: 'DIME', hours: 1 }])).status()).toBe(403);
});
