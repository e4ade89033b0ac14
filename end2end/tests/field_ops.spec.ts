// Field operations in the call guide: a mass outage told before any
// troubleshooting (and a repeat caller flagged), a visit booked from the
// zone's agenda, a full slot and a slot lost while the customer decided,
// and the request without a slot that goes to the back office.
import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { adminApi, demoCuenta, login, openBasesAllDay, screenshot } from './helpers';

const PROJECTS = ['escritorio', 'tableta', 'tableta-vertical'];
const BASE = 'Fidelización Hogar (demostración)';

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

async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** Opens a customer as the dialer's screen-pop does and starts the guide. */
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

async function welcome(page: Page) {
  await choose(page, /Habla con el titular/, 'Sí');
  await page.getByLabel('Cuenta validada con los datos personales del cliente').check();
  await next(page, 'Paso 2. Interpretar el requerimiento según la base');
}

/** Step 2 → Soporte, for a customer whose service fails. */
async function toSupport(page: Page) {
  await choose(page, 'Estado del servicio contratado', 'Activo con falla');
  await choose(page, 'Requerimiento del cliente', 'Soporte técnico');
  await next(page, 'Paso 3. Soporte');
}

/** Soporte with a physical fault: the guide goes on to the visit. */
async function physicalFault(page: Page) {
  await choose(page, 'Servicio afectado', 'Internet');
  await choose(page, 'Tipo de falla', 'Falla puntual');
  await page.getByLabel('Falla confirmada en T&D').check();
  await choose(page, /correctamente asociados/, 'Sí');
  await page.getByLabel('Descartadas fallas masivas o mantenimientos en la zona').check();
  await choose(page, /cable módem está enganchado/, 'No');
  await choose(page, /vecinos/, 'Sí');
  await choose(page, /quedó solucionada/, 'No');
  await group(page, 'Resolución de soporte').getByRole('button', { name: 'Usar' }).click();
  await expect(group(page, 'Resolución de soporte').getByLabel('Visita técnica (falla física)')).toBeChecked();
  await next(page, 'Paso 4. Visita técnica');
}

/** Tipificación and Cierre with the guide's suggestions. */
async function typifyAndClose(page: Page, code: string, state: string, caseText: RegExp) {
  await next(page, 'Paso 7. Tipificación');
  await page.keyboard.press('Alt+S');
  await expect(page.getByLabel('Marcación (tipificación)')).toHaveValue(code);
  await page.getByLabel('Notas de la gestión').fill('Gestión de soporte en campo.');
  await next(page, 'Paso 8. Cierre');
  await page.getByLabel('Resolución o seguimiento informado al cliente').check();
  await page.getByLabel('El cliente no tiene más solicitudes').check();
  await page.keyboard.press('Alt+S');
  await expect(group(page, 'Estado del caso').getByLabel(state)).toBeChecked();
  await page.getByLabel('Devolución de llamada (hora de Bogotá)').fill(bogotaLocal(3 * 24 * 3600_000));
  await page.getByRole('button', { name: /Cerrar interacción/ }).click();
  await expect(page.getByRole('heading', { name: 'Interacción cerrada' })).toBeVisible();
  await expect(page.getByText(caseText)).toBeVisible();
}

/** Bogotá local time (UTC−5, no daylight saving) as a datetime-local value. */
function bogotaLocal(offsetMs: number): string {
  return new Date(Date.now() + offsetMs - 5 * 3600_000).toISOString().slice(0, 16);
}

/** The Bogotá calendar date `days` from today, as the API takes it (aaaa-mm-dd). */
function bogotaIsoDate(days: number): string {
  return new Date(Date.now() + days * 24 * 3600_000 - 5 * 3600_000).toISOString().slice(0, 10);
}

/** The same date as the visit agenda shows it: "lunes 16/03/2026". */
function bogotaDay(days: number): string {
  const [y, m, d] = bogotaIsoDate(days).split('-');
  const weekday = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'][new Date(Date.UTC(+y, +m - 1, +d)).getUTCDay()];
  return `${weekday} ${d}/${m}/${y}`;
}

/** Scrolls so the element starts near the top of the screen, below the tablets' sticky bar (for screenshots). */
async function showTop(locator: Locator) {
  await locator.evaluate((e) => {
    e.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -130);
  });
}

type Slot = { id: number; franja: 'AM' | 'PM'; capacity: number; booked: number; active: boolean };

async function slotsOf(request: APIRequestContext, zone: string, day: string): Promise<Slot[]> {
  const reply = await request.get(`/api/v1/visit-slots?from=${day}&to=${day}&zone=${encodeURIComponent(zone)}`);
  expect(reply.status(), await reply.text()).toBe(200);
  return reply.json();
}

test('falla masiva: se informa antes del diagnóstico, se usa en Soporte, bloquea la visita y marca al reincidente', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const p = PROJECTS.indexOf(testInfo.project.name);
  const base = await baseId(request, BASE);
  // A customer in Cali, where the notice is.
  const cuenta = demoCuenta(1, [3, 10, 17][p]);
  const send = await adminApi(request);
  const number = `INC${String(Date.now()).slice(-10)}`;
  const created = await send('POST', '/api/v1/incidents', {
    number,
    priority: 'ALTA',
    description: 'Corte de fibra óptica en el anillo sur',
    zones: ['Cali'],
    nodes: [],
    starts_at: new Date(Date.now() - 3600_000).toISOString(),
    expected_end: new Date(Date.now() + 4 * 3600_000).toISOString(),
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const incident = await created.json();
  let closedIncident = false;
  try {
    await signIn(page, 'asesor1');
    await startCall(page, cuenta, base);
    await welcome(page);

    // Told from the customer's context on, announced once.
    const alert = page.getByRole('alert').filter({ hasText: 'Falla masiva en la zona del cliente' });
    await expect(alert).toContainText(`${number}, prioridad alta: Corte de fibra óptica en el anillo sur.`);
    await expect(alert).toContainText('Infórmele al cliente antes de hacer el diagnóstico.');
    await expect(alert).not.toContainText('reincidente');
    await expect(alert.getByRole('button', { name: 'Usar este aviso' })).toHaveCount(0);
    await screenshot(page, testInfo, 'guia-falla-masiva-contexto');
    await toSupport(page);

    // Atop Soporte, before the troubleshooting questions.
    const banner = page.getByRole('region', { name: 'Falla masiva en la zona del cliente' });
    await expect(banner).toContainText(number);
    await expect(page.getByRole('alert').filter({ hasText: 'Falla masiva' })).toHaveCount(0);
    const bannerBox = await banner.boundingBox();
    const firstField = await group(page, 'Servicio afectado').boundingBox();
    expect(bannerBox!.y).toBeLessThan(firstField!.y);
    await choose(page, 'Servicio afectado', 'Internet');
    await banner.getByRole('button', { name: 'Usar este aviso' }).click();
    await expect(group(page, 'Tipo de falla').getByLabel('Falla masiva')).toBeChecked();
    await expect(page.getByLabel('Número del aviso')).toHaveValue(number);
    await expect(group(page, 'Prioridad del aviso').getByLabel('Alta')).toBeChecked();
    await expect(page.getByLabel('Descripción de la afectación en la zona')).toHaveValue('Corte de fibra óptica en el anillo sur');
    await expect(group(page, /ya se había comunicado/).getByLabel('No')).toBeChecked();
    await expect(banner).toContainText('Aviso registrado en el paso Soporte');
    await screenshot(page, testInfo, 'guia-falla-masiva-soporte');

    // A visit cannot be booked while the notice lasts.
    await choose(page, /quedó solucionada/, 'No');
    await choose(page, 'Resolución de soporte', 'Visita técnica (falla física)');
    await next(page, 'Paso 4. Visita técnica');
    await choose(page, 'Tipo de visita', 'LLS (RR F23)');
    await page.getByLabel('Motivo de la visita').fill('Sin servicio de internet.');
    await page.getByLabel('Dirección y teléfono de contacto confirmados con el cliente').check();
    const picker = group(page, 'Cupo de la visita');
    await expect(picker).toContainText('Zona del cliente: Cali');
    await expect(picker).toContainText(`Falla masiva activa en la zona (${number}, prioridad alta, fin estimado`);
    await expect(picker).toContainText('no se agendan visitas mientras dure. El cliente queda vinculado al aviso.');
    await expect(picker.getByRole('button', { name: /^(AM|PM)/ })).toHaveCount(0);
    await picker.getByRole('button', { name: /visita bloqueada por la falla masiva/ }).click();
    await expect(picker.getByText(`Registrado: sin visita mientras dure el aviso ${number}.`)).toBeVisible();
    await expect(page.getByLabel('Número de la orden')).toHaveCount(0);
    await showTop(picker);
    await screenshot(page, testInfo, 'guia-falla-masiva-visita-bloqueada');
    await typifyAndClose(page, 'SOP_FALLA_MASIVA', 'Seguimiento: soporte', /Caso #\d+ en seguimiento \(Soporte\)/);

    // The contact is linked to the notice.
    const linked = await (await request.get(`/api/v1/incidents/${incident.id}/customers`)).json();
    expect(linked.map((c: { cuenta: string }) => c.cuenta)).toContain(cuenta);

    // The customer calls again for the same notice: flagged as a repeat caller.
    await startCall(page, cuenta, base);
    await welcome(page);
    const again = page.getByRole('alert').filter({ hasText: 'Falla masiva en la zona del cliente' });
    await expect(again).toContainText(/El cliente ya llamó por este aviso 1 vez \(última: \d\d\/\d\d\/\d{4} \d\d:\d\d\): márquelo como reincidente\./);
    await toSupport(page);
    await page.getByRole('region', { name: 'Falla masiva en la zona del cliente' }).getByRole('button', { name: 'Usar este aviso' }).click();
    await expect(group(page, /ya se había comunicado/).getByLabel('Sí')).toBeChecked();
    await screenshot(page, testInfo, 'guia-falla-masiva-reincidente');
    await page.getByRole('button', { name: 'El cliente colgó' }).click();
    await page.getByRole('button', { name: 'Sí, terminar' }).click();
    await expect(page.getByRole('heading', { name: 'Resultado del intento' })).toBeVisible();

    // Closing the notice brings the linked customer's callback forward: the
    // agent is told at once and closes the cycle (which also leaves no due
    // callback behind for the other tests of this agent).
    const closure = await send('POST', `/api/v1/incidents/${incident.id}/close`, undefined);
    expect(closure.ok(), await closure.text()).toBeTruthy();
    closedIncident = true;
    const customer = (await closure.json()).customers.find((c: { cuenta: string }) => c.cuenta === cuenta);
    expect(customer?.callback_at, 'la devolución de llamada del cliente vinculado').toBeTruthy();
    // A tab opened now hears of it at once (an open one, within a minute).
    await page.goto('/casos');
    const reminder = page.getByRole('alert').filter({ hasText: 'Devoluciones de llamada para hacer ya' });
    await expect(reminder).toContainText(cuenta, { timeout: 20_000 });
    await reminder.getByRole('listitem').filter({ hasText: cuenta }).getByRole('link', { name: 'Llamar ahora' }).click();
    await page.getByRole('button', { name: /iniciar la guía/ }).click();
    await welcome(page);
    await expect(page.getByRole('region', { name: 'Falla masiva en la zona del cliente' })).toHaveCount(0);
    await choose(page, 'Estado del servicio contratado', 'Activo, sin novedad');
    await choose(page, 'Requerimiento del cliente', 'SAC (consulta o solicitud)');
    await next(page, 'Paso 3. Atender la solicitud (SAC)');
    await page.getByLabel('Solicitud atendida').fill('El servicio se restableció al cerrar el aviso.');
    await choose(page, /Quedó resuelta/, 'Sí');
    await next(page, 'Paso 7. Tipificación');
    await page.keyboard.press('Alt+S');
    await page.getByLabel('Notas de la gestión').fill('Servicio restablecido tras la falla masiva.');
    await next(page, 'Paso 8. Cierre');
    await page.getByLabel('Resolución o seguimiento informado al cliente').check();
    await page.getByLabel('El cliente no tiene más solicitudes').check();
    await page.keyboard.press('Alt+S');
    await expect(group(page, 'Estado del caso').getByLabel('Cerrado (SAC)')).toBeChecked();
    await page.getByRole('button', { name: /Cerrar interacción/ }).click();
    await expect(page.getByText(/Caso #\d+ cerrado\./)).toBeVisible();
  } finally {
    if (!closedIncident) {
      const closed = await send('POST', `/api/v1/incidents/${incident.id}/close`, undefined);
      expect(closed.ok(), await closed.text()).toBeTruthy();
    }
  }
});

test.describe.serial('agenda de visitas', () => {
  // Medellín's agenda, one day per project run: AM and PM with one place each.
  const dayOffset = (p: number) => 5 + p;

  test('el asesor agenda la visita con el teclado y el cupo queda tomado', async ({ page, request }, testInfo) => {
    const p = PROJECTS.indexOf(testInfo.project.name);
    const base = await baseId(request, BASE);
    const send = await adminApi(request);
    const day = bogotaIsoDate(dayOffset(p));
    const opened = await send('POST', '/api/v1/visit-slots', { zone: 'Medellín', from: day, to: day, franjas: ['AM', 'PM'], capacity: 1, skip_holidays: false });
    expect(opened.ok(), await opened.text()).toBeTruthy();
    const am = (await slotsOf(request, 'Medellín', day)).find((s) => s.franja === 'AM')!;
    expect(am.booked).toBe(0);

    await signIn(page, 'asesor1');
    await startCall(page, demoCuenta(1, [2, 9, 16][p]), base);
    await welcome(page);
    await toSupport(page);
    await expect(page.getByRole('region', { name: 'Falla masiva en la zona del cliente' })).toHaveCount(0);
    await physicalFault(page);

    const picker = group(page, 'Cupo de la visita');
    await expect(picker).toContainText('Zona del cliente: Medellín');
    const dayGroup = picker.getByRole('group', { name: bogotaDay(dayOffset(p)) });
    const amButton = dayGroup.getByRole('button', { name: /^AM/ });
    await expect(amButton).toContainText('1 cupo');
    await expect(dayGroup.getByRole('button', { name: /^PM/ })).toContainText('1 cupo');
    // The visit's kind and reason go with the booking: asked for first.
    await amButton.click();
    await expect(picker.getByRole('alert')).toContainText('Antes de tomar el cupo, elija el tipo de visita y escriba el motivo de la visita.');
    await choose(page, 'Tipo de visita', 'OT (RR F15+F6)');
    await page.getByLabel('Motivo de la visita').fill('Cable módem sin enganche; vecinos con señal.');
    await page.getByLabel('Dirección y teléfono de contacto confirmados con el cliente').check();
    await expect(picker.getByRole('alert')).toHaveCount(0);
    await showTop(picker);
    await screenshot(page, testInfo, 'guia-agenda-cupos');

    // From the keyboard: the slot's button with Enter.
    await amButton.focus();
    await page.keyboard.press('Enter');
    const summary = picker.getByText(`Visita agendada: ${bogotaDay(dayOffset(p))} AM (7:00–12:00) en Medellín`);
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect.poll(async () => (await slotsOf(request, 'Medellín', day)).find((s) => s.franja === 'AM')!.booked).toBe(1);

    // Changing shows the slot as this customer's; keeping it changes nothing.
    await picker.getByRole('button', { name: 'Cambiar cupo' }).click();
    await expect(dayGroup.getByRole('button', { name: /^AM/ })).toContainText('Cupo de este cliente');
    await expect(dayGroup.getByRole('button', { name: /^AM/ })).toHaveAttribute('aria-pressed', 'true');
    await showTop(picker);
    await screenshot(page, testInfo, 'guia-agenda-cambiar-cupo');
    await picker.getByRole('button', { name: 'Conservar el cupo agendado' }).click();
    await expect(summary).toBeVisible();

    await page.getByLabel('Número de la orden').fill('87654321');
    await showTop(picker);
    await screenshot(page, testInfo, 'guia-agenda-visita-agendada');
    await typifyAndClose(page, 'SOP_VISITA_TECNICA', 'Seguimiento: visitas', /en seguimiento \(Visitas\)/);

    // The visit stays on the slot with its RR order.
    const visits = await (await request.get(`/api/v1/visits?slot=${am.id}`)).json();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ cuenta: demoCuenta(1, [2, 9, 16][p]), kind: 'OT', status: 'AGENDADA', order_number: '87654321' });
  });

  test('un cupo lleno no se puede tomar; el que se cierra mientras tanto tampoco; sin cupo va al back office', async ({ page, request }, testInfo) => {
    const p = PROJECTS.indexOf(testInfo.project.name);
    const base = await baseId(request, BASE);
    const send = await adminApi(request);
    const day = bogotaIsoDate(dayOffset(p));
    const cuenta = demoCuenta(1, [23, 30, 37][p]);

    await signIn(page, 'asesor1');
    await startCall(page, cuenta, base);
    await welcome(page);
    await toSupport(page);
    await physicalFault(page);
    await choose(page, 'Tipo de visita', 'LLS (RR F23)');
    await page.getByLabel('Motivo de la visita').fill('Sin señal de televisión.');
    await page.getByLabel('Dirección y teléfono de contacto confirmados con el cliente').check();

    // The AM place was taken by the previous call.
    const dayGroup = group(page, 'Cupo de la visita').getByRole('group', { name: bogotaDay(dayOffset(p)) });
    const am = dayGroup.getByRole('button', { name: /^AM/ });
    const pm = dayGroup.getByRole('button', { name: /^PM/ });
    await expect(am).toContainText('Lleno');
    await expect(am).toBeDisabled();
    await expect(pm).toContainText('1 cupo');
    await showTop(group(page, 'Cupo de la visita'));
    await screenshot(page, testInfo, 'guia-agenda-lleno');

    // The PM slot closes while the customer decides: the booking is refused
    // in Spanish and the agenda reloads without it.
    const slot = (await slotsOf(request, 'Medellín', day)).find((s) => s.franja === 'PM')!;
    const closed = await send('PATCH', `/api/v1/visit-slots/${slot.id}`, { capacity: 1, active: false });
    expect(closed.ok(), await closed.text()).toBeTruthy();
    await pm.click();
    const picker = group(page, 'Cupo de la visita');
    await expect(picker.getByRole('alert')).toContainText('ya no tiene lugar');
    await expect(pm).toHaveCount(0);
    await expect(am).toContainText('Lleno');

    // No slot: the request goes to the back office with the agent's data.
    await picker.getByRole('button', { name: 'No hay cupo en la agenda' }).click();
    await expect(picker.getByRole('button', { name: 'No hay cupo en la agenda' })).toHaveAttribute('aria-pressed', 'true');
    await expect(picker.getByText('Sin cupo: la solicitud pasa al back office')).toBeVisible();
    await page.getByLabel('Datos para el back office').fill('Puede recibir la visita en las mañanas; portería 24 h.');
    await picker.getByRole('button', { name: 'No hay cupo en la agenda' }).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await screenshot(page, testInfo, 'guia-agenda-sin-cupo');
    await typifyAndClose(page, 'SOP_VISITA_TECNICA', 'Seguimiento: escalamientos', /en seguimiento \(Escalamientos\)/);

    const queue = await (await request.get('/api/v1/escalations?kind=SIN_CUPO')).json();
    const mine = queue.find((e: { cuenta: string }) => e.cuenta === cuenta);
    expect(mine, 'la solicitud sin cupo en la cola del back office').toBeTruthy();
    expect(mine.zone).toBe('Medellín');
    expect(mine.data).toContain('Puede recibir la visita en las mañanas');

    // Leave the slot as the next run of this test expects it.
    await send('PATCH', `/api/v1/visit-slots/${slot.id}`, { capacity: 1, active: true });
  });
});
