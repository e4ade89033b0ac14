// Agenda de visitas: the administrator opens slots for a zone with the form
// and sees them in the grid, imports a CSV (a bad line names itself and
// nothing is stored; then a good file), changes a slot's capacity and
// closes it; an agent is refused the page and the API.
import { APIRequestContext, expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, login, openBasesAllDay, screenshot } from './helpers';

/** Signs in and waits for the landing page (the session is set). */
async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** Opens a page and waits until it answers: the shell's logout button is
 * enabled once the page is hydrated (slow on a busy machine). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

/** A day counted from today in Bogotá, as a date input and as dd/mm/aaaa. */
function bogotaDay(offset: number): { iso: string; dmy: string } {
  // Bogotá keeps UTC−5 all year: whole days of milliseconds are exact.
  const iso = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Bogota',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offset * 86_400_000));
  const [y, m, d] = iso.split('-');
  return { iso, dmy: `${d}/${m}/${y}` };
}

/** A zone no other run, project or spec uses. */
function uniqueZone(prefix: string, testInfo: TestInfo): string {
  return `${prefix} ${testInfo.project.name} ${Date.now().toString(36)}`;
}

function region(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
}

/** The grid narrowed to one zone by the filter; answers the zone's card. */
async function showZone(page: Page, zone: string): Promise<Locator> {
  const grid = region(page, 'Cupos por zona');
  await grid.getByLabel('Zona', { exact: true }).fill(zone);
  return region(grid, zone);
}

/** The cell of a slot: the zone's row of that day, AM (0) or PM (1). */
function slotCell(card: Locator, dmy: string, franja: 0 | 1): Locator {
  return card.getByRole('row', { name: new RegExp(dmy.replace(/\//g, '\\/')) }).getByRole('cell').nth(franja);
}

test('el administrador abre, importa y ajusta cupos de la agenda', async ({ page }, testInfo) => {
  const opened = uniqueZone('Agenda Form', testInfo);
  const imported = uniqueZone('Agenda CSV', testInfo);
  const [d0, d1, d2] = [bogotaDay(0), bogotaDay(1), bogotaDay(2)];

  test.setTimeout(240_000);
  await signIn(page, 'admin');
  await open(page, '/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda de visitas' })).toBeVisible();
  const grid = region(page, 'Cupos por zona');
  await expect(grid.getByRole('list', { name: 'Estados de los cupos' })).toContainText('Pocos cupos');

  // The browser checks the form with the agenda's own rule first.
  const form = page.getByRole('form', { name: 'Abrir cupos' });
  await form.getByRole('button', { name: 'Abrir cupos' }).click();
  await expect(form.getByText('Indique la zona.')).toBeVisible();
  await expect(form.getByText('Revise los campos marcados.')).toBeVisible();

  // Three days, both franjas, Sundays included: six new slots.
  await form.getByLabel('Zona', { exact: true }).fill(opened);
  await form.getByLabel('Desde').fill(d0.iso);
  await form.getByLabel('Hasta').fill(d2.iso);
  await form.getByLabel('Capacidad por franja').fill('3');
  await form.getByLabel('Sin domingos ni festivos').uncheck();
  await form.getByRole('button', { name: 'Abrir cupos' }).click();
  await expect(form.getByRole('status')).toContainText('6 cupos creados, 0 actualizados.');

  const card = await showZone(page, opened);
  await expect(card).toBeVisible();
  for (const day of [d0, d1, d2]) {
    for (const franja of [0, 1] as const) {
      await expect(slotCell(card, day.dmy, franja)).toContainText('0/3');
      await expect(slotCell(card, day.dmy, franja)).toContainText('Libre');
    }
  }
  await screenshot(page, testInfo, 'agenda-cupos-abiertos');

  // A CSV with one bad line names it and stores nothing.
  const importer = region(page, 'Importar cupos desde CSV');
  await expect(importer.getByText('zona,fecha,franja,capacidad')).toBeVisible();
  const bad = ['zona,fecha,franja,capacidad', `${imported},${d1.dmy},AM,4`, `${imported},${d2.iso},NOCHE,4`, ''].join('\n');
  await importer.getByLabel('Archivo CSV').setInputFiles({ name: 'agenda-mala.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await importer.getByRole('button', { name: 'Importar' }).click();
  const problem = importer.getByRole('alert');
  await expect(problem).toContainText('El archivo no se importó');
  await expect(problem).toContainText(/Línea 3/);
  await grid.getByLabel('Zona', { exact: true }).fill(imported);
  await expect(grid.getByText('Ninguna zona coincide con el filtro.')).toBeVisible();
  await screenshot(page, testInfo, 'agenda-csv-con-error');

  // A good file (both date spellings) is stored whole.
  const good = ['zona,fecha,franja,capacidad', `${imported},${d1.dmy},AM,4`, `${imported},${d2.iso},PM,2`, ''].join('\n');
  await importer.getByLabel('Archivo CSV').setInputFiles({ name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await importer.getByRole('button', { name: 'Importar' }).click();
  await expect(importer.getByRole('status')).toContainText('2 cupos creados, 0 actualizados.');
  await expect(importer.getByRole('alert')).toHaveCount(0);
  const importedCard = region(grid, imported);
  await expect(slotCell(importedCard, d1.dmy, 0)).toContainText('0/4');
  await expect(slotCell(importedCard, d2.dmy, 1)).toContainText('0/2');

  // One slot's capacity changes; closing it says so in words.
  await showZone(page, opened);
  await slotCell(card, d1.dmy, 0).getByRole('button').click();
  await expect(slotCell(card, d1.dmy, 0).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  const detail = region(page, /^Cupo de /);
  await expect(detail.getByRole('heading', { name: new RegExp(`${d1.dmy.replace(/\//g, '\\/')}, AM`) })).toBeFocused();
  await expect(detail.getByText('Ninguna visita agendada en este cupo.')).toBeVisible();
  await detail.getByLabel('Capacidad (visitas)').fill('501');
  await detail.getByRole('button', { name: 'Guardar capacidad' }).click();
  await expect(detail.getByText('La capacidad va de 0 a 500 visitas.')).toBeVisible();
  await detail.getByLabel('Capacidad (visitas)').fill('5');
  await detail.getByRole('button', { name: 'Guardar capacidad' }).click();
  await expect(detail.getByRole('status')).toHaveText('Capacidad guardada: 5 visitas.');
  await expect(slotCell(card, d1.dmy, 0)).toContainText('0/5');
  await screenshot(page, testInfo, 'agenda-detalle-cupo');

  await detail.getByRole('button', { name: 'Cerrar cupo' }).click();
  await expect(detail.getByRole('status')).toHaveText('Cupo cerrado: no recibe nuevas visitas.');
  await expect(slotCell(card, d1.dmy, 0)).toContainText('Cerrado');
  await detail.getByRole('button', { name: 'Reabrir cupo' }).click();
  await expect(detail.getByRole('status')).toHaveText('Cupo reabierto.');
  await expect(slotCell(card, d1.dmy, 0)).toContainText('Libre');
});

type Slot = { id: number; zone: string; date: string; franja: 'AM' | 'PM'; capacity: number; booked: number; active: boolean };

/** Signs in through the API and answers a sender with the session's token. */
async function apiAs(request: APIRequestContext, user: string) {
  const csrf = (await (await request.get('/api/v1/auth/csrf')).json()).csrf_token;
  const signedIn = await request.post('/api/v1/auth/login', {
    headers: { 'X-CSRF-Token': csrf },
    data: { login: user, password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const token = (await signedIn.json()).csrf_token;
  return (url: string, data?: unknown) => request.post(url, { headers: { 'X-CSRF-Token': token }, data });
}

/** dd/mm/aaaa of an API date (aaaa-mm-dd). */
function dmyOf(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

test('el back office reprograma y cancela la visita que agendó un asesor', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  // An agent books a visit from a call in progress (as the guide does).
  await openBasesAllDay(request);
  const send = await apiAs(request, 'asesor3');
  const next = await (await send('/api/v1/queue/next')).json();
  expect(next.record, next.message ?? 'a record for asesor3').toBeTruthy();
  const record = next.record;
  const key = `e2e-agenda-${testInfo.project.name}-${Date.now()}`;
  expect((await send('/api/v1/interactions', { record_id: record.id, key })).status()).toBe(200);
  try {
    const offered = await (await request.get(`/api/v1/records/${record.id}/visit-slots?interaction=${key}`)).json();
    const lastDay = bogotaDay(13).iso;
    const free: Slot[] = offered.slots.filter((s: Slot) => s.active && s.booked < s.capacity && s.date <= lastDay);
    expect(free.length, `free slots in ${offered.place.zone}`).toBeGreaterThanOrEqual(2);
    const [first, second] = [free[0], free[free.length - 1]];
    // The motivo tells this run's visit from earlier ones of the customer.
    const motivo = `Cable módem sin señal (${key}).`;
    const booked = await send('/api/v1/visits', { interaction_key: key, slot_id: first.id, kind: 'OT', motivo });
    expect(booked.status()).toBe(200);

    // The back office finds it in the slot and moves it.
    await signIn(page, 'backoffice');
    await open(page, '/agenda');
    const card = await showZone(page, first.zone);
    await slotCell(card, dmyOf(first.date), first.franja === 'AM' ? 0 : 1).getByRole('button').click();
    const detail = region(page, /^Cupo de /);
    const visit = detail.getByRole('row').filter({ hasText: motivo });
    await expect(visit).toContainText(record.cuenta);
    await expect(visit).toContainText('OT (RR F15+F6)');
    await expect(visit).toContainText('Sin orden aún');
    await expect(visit).toContainText('Agendada');
    await visit.getByRole('button', { name: `Reprogramar la visita de ${record.nombre}` }).click();
    const move = detail.getByRole('form', { name: 'Reprogramar la visita' });
    await move.getByRole('button', { name: 'Reprogramar visita' }).click();
    await expect(move.getByText('Elija el nuevo cupo.')).toBeVisible();
    await expect(move.getByText('Escriba el motivo de la reprogramación.')).toBeVisible();
    await expect(move.getByLabel('Nuevo cupo').locator(`option[value="${second.id}"]`)).toContainText(`${dmyOf(second.date)}, ${second.franja}`);
    await move.getByLabel('Nuevo cupo').selectOption(String(second.id));
    await move.getByLabel('Motivo de la reprogramación').fill('El cliente pidió otro día.');
    await screenshot(page, testInfo, 'agenda-reprogramar-visita');
    await move.getByRole('button', { name: 'Reprogramar visita' }).click();
    await expect(detail.getByRole('status')).toContainText(`Visita de ${record.nombre} reprogramada al`);
    await expect(visit).toHaveCount(0);

    // In its new slot it is cancelled, with the reason kept.
    await slotCell(card, dmyOf(second.date), second.franja === 'AM' ? 0 : 1).getByRole('button').click();
    const moved = region(page, /^Cupo de /).getByRole('row').filter({ hasText: motivo });
    await expect(moved).toContainText('Motivo: El cliente pidió otro día.');
    await moved.getByRole('button', { name: `Cancelar la visita de ${record.nombre}` }).click();
    const cancel = page.getByRole('group', { name: 'Cancelar la visita' });
    await cancel.getByRole('button', { name: 'Sí, cancelar la visita' }).click();
    await expect(cancel.getByText('Escriba el motivo de la cancelación.')).toBeVisible();
    await cancel.getByLabel('Motivo de la cancelación').fill('El cliente resolvió la falla.');
    await cancel.getByRole('button', { name: 'Sí, cancelar la visita' }).click();
    await expect(region(page, /^Cupo de /).getByRole('status')).toContainText(`Visita de ${record.nombre} cancelada.`);
    await expect(moved).toContainText('Cancelada');
    await expect(moved).toContainText('Motivo: El cliente resolvió la falla.');
    await expect(moved.getByRole('button', { name: /Cancelar/ })).toHaveCount(0);
    await screenshot(page, testInfo, 'agenda-visita-cancelada');
  } finally {
    // The agent's call ends and the customer goes back to the queue.
    await send(`/api/v1/interactions/${key}/abandon`);
    await send(`/api/v1/records/${record.id}/release`);
  }
});

test('un asesor no puede ver la agenda ni abrir cupos', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'asesor1');
  await page.goto('/agenda');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();

  // The API refuses too, with a valid session and token.
  const csrf = (await (await page.request.get('/api/v1/auth/csrf')).json()).csrf_token;
  const signedIn = await page.request.post('/api/v1/auth/login', {
    headers: { 'X-CSRF-Token': csrf },
    data: { login: 'asesor1', password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const token = (await signedIn.json()).csrf_token;
  const day = bogotaDay(1).iso;
  const refused = await page.request.post('/api/v1/visit-slots', {
    headers: { 'X-CSRF-Token': token },
    data: { zone: 'Agenda Asesor', from: day, to: day, franjas: ['AM'], capacity: 2, skip_holidays: false },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('prohibido');
});
