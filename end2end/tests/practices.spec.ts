// The leaders' practices on a tablet held upright (768×1024, touch): Laura
// Gómez (supervisor1) plans a week from the catalog in one tap, moves an
// event by dragging it, records a diálogo diario and a confirmación de
// proceso of Camila Restrepo (asesor1) — one of them while the tablet is
// offline, sent when the network returns — and sees her adherence count
// them, also in her weekly adherence record; Camila reads the score and
// the feedback in Mis indicadores. The
// calendar's .ics address answers an iCalendar file. On the other screens
// the calendar is opened and photographed.
import { expect, Page, test } from '@playwright/test';
import { login, logout, screenshot } from './helpers';

async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

test('el calendario se ve en cada pantalla', async ({ page }, testInfo) => {
  await signIn(page, 'supervisor2');
  await open(page, '/calendario');
  await expect(page.getByRole('grid', { name: 'Calendario por horas' })).toBeVisible();
  await screenshot(page, testInfo, 'calendario-semana');
  await page.getByRole('button', { name: 'Mes', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Mes' })).toBeVisible();
  await screenshot(page, testInfo, 'calendario-mes');
  await open(page, '/calendario/adherencia');
  await expect(page.getByText(/Adherencia \d+ %|Adherencia —/).first()).toBeVisible();
  await screenshot(page, testInfo, 'adherencia');
});

test('la supervisora planifica, registra en la tableta y su adherencia sube', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'tableta-vertical', 'el recorrido en tableta vertical con toque');
  test.setTimeout(240_000);
  await signIn(page, 'supervisor1');
  await open(page, '/calendario');

  // Next week, planned from the catalog in one tap.
  await page.getByRole('button', { name: 'Siguiente' }).tap();
  await page.getByRole('button', { name: 'Planificar semana' }).tap();
  await expect(page.getByRole('status').filter({ hasText: /Semana planificada: \d+ prácticas/ })).toBeVisible();
  const dialogues = page.getByRole('button', { name: /^Diálogo diario, / });
  await expect(dialogues.first()).toBeVisible();
  await screenshot(page, testInfo, 'calendario-planificado');

  // Planning again adds nothing.
  await page.getByRole('button', { name: 'Planificar semana' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'ya tiene planeadas todas sus prácticas' })).toBeVisible();

  // The Agenda del líder dragged one hour down.
  const agenda = page.getByRole('button', { name: /^Agenda del líder, 07:30–08:00/ });
  await agenda.scrollIntoViewIfNeeded();
  const box = (await agenda.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 50, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + 100, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('status').filter({ hasText: /Agenda del líder movido a .* 08:30–09:00/ })).toBeVisible();

  // A diálogo diario done today, not planned.
  await page.getByRole('button', { name: 'Hoy' }).tap();
  const quick = page.getByRole('region', { name: 'Registrar una práctica realizada' });
  await quick.getByRole('button', { name: 'Diálogo diario' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Registrar: Diálogo diario' });
  await expect(dialog.getByRole('heading', { name: /Indicadores del día hábil anterior/ })).toBeVisible();
  await dialog.getByLabel('Acuerdos').fill('Llamar primero a los detractores de ayer.');
  await dialog.getByRole('checkbox', { name: 'Camila Restrepo' }).tap();
  await dialog.getByRole('button', { name: 'Registrar' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Práctica registrada: Diálogo diario.' })).toBeVisible();

  // A confirmación de proceso entered while the network is down: kept on
  // the tablet, sent when it returns.
  await quick.getByRole('button', { name: 'Confirmación de proceso' }).tap();
  const process = page.getByRole('dialog', { name: 'Registrar: Confirmación de proceso' });
  await process.getByLabel('Asesor observado').selectOption({ label: 'Camila Restrepo' });
  const steps = process.getByRole('radiogroup');
  await expect(steps.first()).toBeVisible();
  await steps.nth(0).getByRole('radio', { name: 'Cumple', exact: true }).tap();
  await steps.nth(1).getByRole('radio', { name: 'Cumple', exact: true }).tap();
  await steps.nth(2).getByRole('radio', { name: 'No cumple' }).tap();
  await expect(process.getByText('Nota: 66,7 de 100')).toBeVisible();
  await process.getByLabel('Retroalimentación para el asesor').fill('Buen saludo; faltó validar la cuenta antes de ofrecer.');
  await screenshot(page, testInfo, 'confirmacion-de-proceso');
  await context.setOffline(true);
  await process.getByRole('button', { name: 'Registrar' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Sin conexión: el registro quedó guardado en este equipo' })).toBeVisible();
  await expect(page.getByText(/1 registro\(s\) guardado\(s\) en este equipo/)).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Se enviaron 1 registros' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/registro\(s\) guardado\(s\) en este equipo/)).toHaveCount(0);

  // Adherence counts both.
  await page.getByRole('link', { name: 'Adherencia a las prácticas' }).tap();
  const week = page.getByRole('region', { name: /Laura Gómez: semana del/ });
  await expect(week.getByRole('row', { name: /Diálogo diario 1/ })).toBeVisible();
  await expect(week.getByRole('row', { name: /Confirmación de proceso 1/ })).toBeVisible();
  await screenshot(page, testInfo, 'adherencia-supervisora');

  // The weekly adherence record goes over the same figures.
  await page.getByRole('link', { name: 'Calendario', exact: true }).first().tap();
  await quick.getByRole('button', { name: 'Adherencia a las prácticas' }).tap();
  const weekly = page.getByRole('dialog', { name: 'Registrar: Adherencia a las prácticas' });
  const own = weekly.getByRole('region', { name: 'Su adherencia esta semana' });
  await expect(own.getByRole('row', { name: /Confirmación de proceso 1/ })).toBeVisible();
  await expect(own.getByRole('row', { name: /Diálogo diario 1/ })).toBeVisible();
  await weekly.getByLabel('Acuerdos').fill('Completar las confirmaciones de proceso del jueves.');
  await weekly.getByRole('button', { name: 'Registrar' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Práctica registrada: Adherencia a las prácticas.' })).toBeVisible();

  // The .ics address answers an iCalendar file with the planned practices.
  await page.getByRole('link', { name: 'Calendario', exact: true }).first().tap();
  await page.getByRole('button', { name: 'Suscribirse (.ics)' }).tap();
  const address = await page.getByLabel(/Dirección para suscribirse/).inputValue();
  const ics = await page.request.get(address);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const body = await ics.text();
  expect(body).toContain('BEGIN:VCALENDAR');
  expect(body).toContain('SUMMARY:Diálogo diario');

  // Camila reads her confirmación de proceso.
  await logout(page);
  await signIn(page, 'asesor1');
  await open(page, '/mis-indicadores');
  const mine = page.getByRole('region', { name: 'Mis confirmaciones de proceso' });
  await expect(mine.getByText('Buen saludo; faltó validar la cuenta antes de ofrecer.')).toBeVisible();
  await expect(mine.getByText('Nota 66,7 de 100')).toBeVisible();
});
