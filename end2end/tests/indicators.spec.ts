// Indicadores: the gerente sees the seven tiles with their standing in
// words, switches the period, follows the trend of another indicator and
// drills from the operation to a team, an agent and the records behind a
// figure; an agent sees only their own tiles, trend and records.
//
// The figures come from small source files imported first through the API
// (as the administrator), dated today so "Hoy" has data. Every run adds its
// own accounts and ids, so the assertions look for them, not for totals.
import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, login, logout, screenshot } from './helpers';

/** Signs in and waits for the landing page (the session is set). */
async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** Opens a page and waits until the shell is hydrated (slow on a busy machine). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

/** A day counted from today in Bogotá, as aaaa-mm-dd and dd/mm/aaaa. */
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

/** The source files of one run: today's contacts, surveys, monitoring and attendance. */
function fixtures(stamp: string): [string, string][] {
  const today = bogotaDay(0).iso;
  const cuenta = (n: number) => `E2E${stamp}${n}`;
  return [
    [
      'agentes',
      'login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro\n' +
        'asesor1,Camila Restrepo,asesor,supervisor1,2024-01-15,\n' +
        'asesor2,Santiago Mejía,asesor,supervisor1,2024-02-01,\n' +
        'asesor3,Valentina Ríos,asesor,supervisor2,2024-03-01,\n' +
        'asesor4,Mateo Herrera,asesor,supervisor2,2024-03-01,\n',
    ],
    [
      'gestion',
      'fecha_hora,cuenta,tipo_base,segmento,asesor,resultado\n' +
        `${today} 00:01,${cuenta(1)},FIDELIZACION,HOGAR,asesor1,CONTACTADO\n` +
        `${today} 00:02,${cuenta(2)},FIDELIZACION,HOGAR,asesor1,NO_CONTESTA\n` +
        `${today} 00:03,${cuenta(3)},ABANDONOS,MOVIL,asesor2,CONTACTADO\n` +
        `${today} 00:04,${cuenta(4)},DETRACTORES,HOGAR,asesor3,NO_CONTESTA\n`,
    ],
    [
      // Scores of 7 and up: a detractor would feed the DETRACTORES base.
      'encuestas',
      'id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion\n' +
        `e2e-${stamp}-1,${today},${cuenta(1)},asesor1,10,5,\n` +
        `e2e-${stamp}-2,${today},${cuenta(3)},asesor2,7,3,\n` +
        `e2e-${stamp}-3,${today},${cuenta(4)},asesor3,9,4,\n`,
    ],
    [
      'monitoreo',
      'id,fecha,asesor,nota,evaluador,id_interaccion\n' +
        `m-${stamp}-1,${today},asesor1,92,calidad,\n` +
        `m-${stamp}-2,${today},asesor3,80,calidad,\n`,
    ],
    [
      'asistencia',
      'fecha,asesor,programado,ausente,motivo\n' +
        `${today},asesor1,SI,NO,\n` +
        `${today},asesor2,SI,SI,Cita médica\n` +
        `${today},asesor3,SI,NO,\n`,
    ],
  ];
}

/** Imports the files as the administrator, through the API. */
async function importFixtures(request: APIRequestContext, stamp: string) {
  const csrf = (await (await request.get('/api/v1/auth/csrf')).json()).csrf_token;
  const signedIn = await request.post('/api/v1/auth/login', {
    headers: { 'X-CSRF-Token': csrf },
    data: { login: 'admin', password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  const token = (await signedIn.json()).csrf_token;
  for (const [kind, csv] of fixtures(stamp)) {
    const reply = await request.post(`/api/v1/kpi-imports/${kind}`, {
      headers: { 'X-CSRF-Token': token, 'Content-Type': 'text/csv' },
      data: csv,
    });
    expect(reply.status(), `${kind}: ${await reply.text()}`).toBe(200);
  }
}

const STANDING = /Cumple la meta|Por debajo de la meta|Por encima de la meta|Sin meta|Sin datos|No aplica con estos filtros/;

/** The seven tiles, each a button with its standing in words. */
async function expectSevenTiles(page: Page) {
  const tiles = page.getByRole('list', { name: 'Los siete indicadores' }).getByRole('button');
  await expect(tiles).toHaveCount(7, { timeout: 30_000 });
  for (const name of ['Contactabilidad', 'Efectividad', 'NPS', 'FCR', 'Ausentismo', 'Rotación', 'Calidad MEC']) {
    await expect(tiles.filter({ hasText: name })).toHaveCount(1);
  }
  for (let i = 0; i < 7; i++) {
    await expect(tiles.nth(i)).toContainText(STANDING);
  }
  return tiles;
}

function tile(page: Page, name: string) {
  return page.getByRole('list', { name: 'Los siete indicadores' }).getByRole('button').filter({ hasText: name });
}

test('el gerente ve los siete indicadores, cambia el periodo y baja hasta los registros', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const stamp = `${Date.now().toString(36)}${testInfo.project.name.length}`;
  await importFixtures(request, stamp);

  await signIn(page, 'gerente');
  await open(page, '/indicadores');
  await expect(page.getByRole('heading', { level: 1, name: 'Indicadores' })).toBeVisible();
  const tiles = await expectSevenTiles(page);

  // Today has contacts: a value, its count and a standing.
  const contact = tile(page, 'Contactabilidad');
  await expect(contact).toHaveAttribute('aria-pressed', 'true');
  await expect(contact).toContainText(/\d+,\d %/);
  await expect(contact).toContainText(/\d+ \/ \d+/);
  await expect(tile(page, 'Calidad MEC')).toContainText('Emitida:');
  await expect(tile(page, 'Calidad MEC')).toContainText('Percibida:');

  // The presets, as a labelled group with the chosen one pressed.
  const presets = page.getByRole('group', { name: 'Periodo' });
  const shown = page.locator('.kpi-period__shown');
  await expect(presets.getByRole('button', { name: 'Hoy' })).toHaveAttribute('aria-pressed', 'true');
  await expect(shown).toHaveText(`El ${bogotaDay(0).dmy}`);
  await presets.getByRole('button', { name: 'Ayer' }).click();
  await expect(presets.getByRole('button', { name: 'Ayer' })).toHaveAttribute('aria-pressed', 'true');
  await expect(presets.getByRole('button', { name: 'Hoy' })).toHaveAttribute('aria-pressed', 'false');
  await expect(shown).toHaveText(`El ${bogotaDay(-1).dmy}`);
  await expectSevenTiles(page);
  await presets.getByRole('button', { name: 'Esta semana' }).click();
  await expect(shown).toContainText(bogotaDay(0).dmy);
  await presets.getByRole('button', { name: 'Este mes' }).click();
  await expect(shown).toContainText(bogotaDay(0).dmy);
  await presets.getByRole('button', { name: 'Rango' }).click();
  const range = page.getByRole('form', { name: 'Rango de fechas' });
  await range.getByLabel('Desde').fill(bogotaDay(0).iso);
  await range.getByLabel('Hasta').fill(bogotaDay(-2).iso);
  await range.getByRole('button', { name: 'Consultar' }).click();
  await expect(page.getByText('antes de empezar')).toBeVisible();
  await range.getByLabel('Desde').fill(bogotaDay(-2).iso);
  await range.getByLabel('Hasta').fill(bogotaDay(0).iso);
  await range.getByRole('button', { name: 'Consultar' }).click();
  await expect(shown).toHaveText(`Del ${bogotaDay(-2).dmy} al ${bogotaDay(0).dmy}`);
  await presets.getByRole('button', { name: 'Hoy' }).click();
  await expect(shown).toHaveText(`El ${bogotaDay(0).dmy}`);
  await expect(contact).toContainText(/\d+,\d %/);

  // The trend follows the chosen tile, with a summary and its data.
  await expect(page.getByRole('heading', { name: 'Tendencia de Contactabilidad' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Tendencia de Contactabilidad por día/ })).toBeVisible({ timeout: 30_000 });
  await tile(page, 'NPS').click();
  await expect(tile(page, 'NPS')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Tendencia de NPS' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Tendencia de NPS por día/ })).toBeVisible();
  await page.getByRole('group', { name: 'Agrupar por' }).getByRole('button', { name: 'Semana' }).click();
  await expect(page.getByRole('img', { name: /Tendencia de NPS por semana/ })).toBeVisible({ timeout: 30_000 });
  await page.getByText('Ver datos').click();
  await expect(page.locator('.kpi-trend__data table')).toContainText('NPS');
  await tile(page, 'Contactabilidad').click();

  // The export links of the summary, as plain downloads.
  const summaryCsv = page.getByRole('link', { name: 'Exportar CSV del resumen' });
  await expect(summaryCsv).toHaveAttribute('href', /vista=resumen.*formato=csv/);
  await expect(page.getByRole('link', { name: 'Exportar Excel del resumen' })).toHaveAttribute('href', /formato=xlsx/);
  const csv = await page.request.get((await summaryCsv.getAttribute('href'))!);
  expect(csv.status()).toBe(200);

  // Operation → team → agent → records, and back up by the breadcrumb.
  const drill = page.getByRole('region', { name: 'Indicadores por equipo' });
  await expect(drill.getByRole('table')).toBeVisible({ timeout: 30_000 });
  await expect(drill.getByRole('link', { name: 'Exportar CSV del desglose' })).toHaveAttribute('href', /vista=desglose.*by=equipo/);
  await screenshot(page, testInfo, 'indicadores-operacion');
  await drill.getByRole('button', { name: 'Ver equipo de Laura Gómez' }).click();
  const team = page.getByRole('region', { name: 'Asesores del equipo de Laura Gómez' });
  await expect(team.getByRole('button', { name: 'Ver registros de Camila Restrepo' })).toBeVisible({ timeout: 30_000 });
  await expect(team).not.toContainText('Valentina Ríos');
  const crumbs = page.getByRole('navigation', { name: 'Nivel del desglose' });
  await expect(crumbs).toContainText('Operación');
  await expect(crumbs).toContainText('Equipo de Laura Gómez');
  await team.getByRole('button', { name: 'Ver registros de Camila Restrepo' }).click();
  const records = page.getByRole('region', { name: 'Registros de Contactabilidad de Camila Restrepo' });
  await expect(records.getByRole('table')).toContainText(`E2E${stamp}1`, { timeout: 30_000 });
  await expect(records.getByRole('columnheader', { name: '¿Contactado?' })).toBeVisible();
  await expect(records).not.toContainText(`E2E${stamp}3`);
  await expect(crumbs).toContainText('Camila Restrepo');
  await expect(tile(page, 'Rotación')).toContainText('No aplica con estos filtros');
  await screenshot(page, testInfo, 'indicadores-registros');

  // Another tile shows its own records at this level.
  await tile(page, 'Ausentismo').click();
  await expect(page.getByRole('region', { name: 'Registros de Ausentismo de Camila Restrepo' })).toContainText('Asistió', { timeout: 30_000 });

  await crumbs.getByRole('button', { name: 'Equipo de Laura Gómez' }).click();
  await expect(page.getByRole('region', { name: 'Asesores del equipo de Laura Gómez' })).toBeVisible();
  await crumbs.getByRole('button', { name: 'Operación' }).click();
  await expect(page.getByRole('region', { name: 'Indicadores por equipo' }).getByRole('button', { name: 'Ver equipo de Julián Ortiz' })).toBeVisible({ timeout: 30_000 });
  await expect(tiles).toHaveCount(7);
  await logout(page);
});

test('el asesor ve solo sus propios indicadores y registros', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const stamp = `${Date.now().toString(36)}a${testInfo.project.name.length}`;
  await importFixtures(request, stamp);

  await signIn(page, 'asesor1');
  await open(page, '/mis-indicadores');
  await expect(page.getByRole('heading', { level: 1, name: 'Mis indicadores' })).toBeVisible();
  await expectSevenTiles(page);
  await expect(tile(page, 'Contactabilidad')).toContainText(/\d+,\d %/);
  // Rotación is counted by team: never for one agent.
  await expect(tile(page, 'Rotación')).toContainText('No aplica con estos filtros');

  // No drill-down, no team filters: their own records only.
  await expect(page.getByRole('navigation', { name: 'Nivel del desglose' })).toHaveCount(0);
  await expect(page.getByLabel('Tipo de base')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Indicadores por equipo' })).toHaveCount(0);
  const records = page.getByRole('region', { name: 'Registros de Contactabilidad' });
  await expect(records.getByRole('table')).toContainText(`E2E${stamp}1`, { timeout: 30_000 });
  await expect(records).not.toContainText(`E2E${stamp}3`);
  await expect(records).not.toContainText(`E2E${stamp}4`);
  await expect(page.getByRole('img', { name: /Tendencia de Contactabilidad/ })).toBeVisible();
  await screenshot(page, testInfo, 'mis-indicadores');
  await logout(page);
});

test('la supervisora empieza en su propio equipo', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const stamp = `${Date.now().toString(36)}s${testInfo.project.name.length}`;
  await importFixtures(request, stamp);

  await signIn(page, 'supervisor1');
  await open(page, '/indicadores');
  await expectSevenTiles(page);
  // The server scopes her to her team: no way up to the operation.
  const crumbs = page.getByRole('navigation', { name: 'Nivel del desglose' });
  await expect(crumbs).toContainText('Equipo de Laura Gómez');
  await expect(crumbs).not.toContainText('Operación');
  const team = page.getByRole('region', { name: 'Asesores del equipo de Laura Gómez' });
  await expect(team.getByRole('button', { name: 'Ver registros de Santiago Mejía' })).toBeVisible({ timeout: 30_000 });
  await expect(team).not.toContainText('Valentina Ríos');
  await team.getByRole('button', { name: 'Ver registros de Santiago Mejía' }).click();
  await expect(page.getByRole('region', { name: 'Registros de Contactabilidad de Santiago Mejía' })).toContainText(`E2E${stamp}3`, { timeout: 30_000 });
  await crumbs.getByRole('button', { name: 'Equipo de Laura Gómez' }).click();
  await expect(team).toBeVisible();
  await logout(page);
});
