// Configuración → Indicadores: the administrator imports the external
// sources of the indicators (a progress bar while the file goes up, the
// counts when it is stored, every bad line when it is not, and a re-import
// that adds nothing); the gerente reaches the goals from Indicadores, saves
// one that survives a reload, and is told in Spanish when calidad MEC's
// weights do not add up, by the browser and by the server. Other leaders
// may not open the page.
import { expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { login, screenshot } from './helpers';

/** Signs in and waits for the landing page (the session is set). */
async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** Waits until the page answers: the shell's logout button is enabled once
 * the page is hydrated (slow on a busy machine). */
async function hydrated(page: Page) {
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

function region(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('region', { name, exact: true });
}

/** A lowercase tag no other run or project uses (logins are lowercased). */
function runTag(testInfo: TestInfo): string {
  return `${testInfo.project.name.replace(/[^a-z]/g, '')}${Date.now().toString(36)}`;
}

function csv(lines: string[]): Buffer {
  return Buffer.from([...lines, ''].join('\n'));
}

const SOURCES: [string, string][] = [
  ['Nómina de agentes', 'login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro'],
  ['Gestión del marcador', 'fecha_hora,cuenta,tipo_base,segmento,asesor,resultado'],
  ['Interacciones', 'id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun'],
  ['Retención', 'id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado,oferta'],
  ['Encuestas', 'id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion'],
  ['Monitoreo de calidad', 'id,fecha,asesor,nota,evaluador,id_interaccion'],
  ['Asistencia', 'fecha,asesor,programado,ausente,motivo'],
];

test('el administrador importa las fuentes de los indicadores', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const tag = runTag(testInfo);
  const agent = `e2e${tag}`;
  await signIn(page, 'admin');
  await open(page, '/configuracion/indicadores');
  await expect(page.getByRole('heading', { level: 1, name: 'Configuración' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', { name: 'Indicadores' }),
  ).toHaveAttribute('aria-current', 'page');

  const imports = region(page, 'Importar fuentes');
  for (const [label, columns] of SOURCES) {
    await expect(region(imports, label).getByText(columns, { exact: true })).toBeVisible();
  }
  await screenshot(page, testInfo, 'indicadores-fuentes');

  // A good attendance file; the answer is held back so the progress shows.
  const attendance = region(imports, 'Asistencia');
  const good = csv([
    'fecha,asesor,programado,ausente,motivo',
    `2026-01-05,${agent},SI,NO,`,
    `06/01/2026,${agent},SI,SI,Incapacidad`,
  ]);
  const slow = '**/api/v1/kpi-imports/asistencia';
  await page.route(slow, async (route) => {
    await new Promise((done) => setTimeout(done, 1_500));
    await route.continue();
  });
  await attendance.getByLabel('Archivo CSV').setInputFiles({ name: 'asistencia.csv', mimeType: 'text/csv', buffer: good });
  await attendance.getByRole('button', { name: 'Importar' }).click();
  await expect(attendance.getByRole('progressbar', { name: 'Importando Asistencia' })).toBeVisible();
  await expect(attendance.getByRole('status')).toContainText('Importando…');
  await expect(attendance.getByRole('button', { name: 'Importar' })).toBeDisabled();
  await expect(attendance.getByRole('status')).toHaveText('2 filas: 2 nuevas, 0 actualizadas, 0 ya estaban.');
  await expect(attendance.getByRole('progressbar')).toHaveCount(0);
  await page.unroute(slow);

  // Surveys with two bad lines: both named, nothing stored.
  const surveys = region(imports, 'Encuestas');
  const header = 'id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion';
  const bad = csv([
    header,
    `${tag}-1,2026-01-05,80000001,${agent},9,5,`,
    `${tag}-2,2026-01-05,80000002,${agent},11,5,`,
    `${tag}-3,2026-02-31,80000003,${agent},8,4,`,
  ]);
  await surveys.getByLabel('Archivo CSV').setInputFiles({ name: 'encuestas-malas.csv', mimeType: 'text/csv', buffer: bad });
  await surveys.getByRole('button', { name: 'Importar' }).click();
  const refused = surveys.getByRole('alert');
  await expect(refused).toContainText('No se importó nada.');
  await expect(refused).toContainText('El archivo tiene 2 problemas.');
  const lines = refused.getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText('Línea 3, columna «nps»');
  await expect(lines.nth(0)).toContainText('entre 0 y 10');
  await expect(lines.nth(1)).toContainText('Línea 4, columna «fecha»');
  await expect(lines.nth(1)).toContainText('2026-02-31');
  await expect(surveys.getByRole('status')).toHaveText('');
  await screenshot(page, testInfo, 'indicadores-fuente-rechazada');

  // Corrected, all three are new: the good line of the bad file was not kept.
  const fixed = csv([
    header,
    `${tag}-1,2026-01-05,80000001,${agent},9,5,`,
    `${tag}-2,2026-01-05,80000002,${agent},10,5,`,
    `${tag}-3,2026-01-31,80000003,${agent},8,4,`,
  ]);
  await surveys.getByLabel('Archivo CSV').setInputFiles({ name: 'encuestas.csv', mimeType: 'text/csv', buffer: fixed });
  await surveys.getByRole('button', { name: 'Importar' }).click();
  await expect(surveys.getByRole('status')).toHaveText('3 filas: 3 nuevas, 0 actualizadas, 0 ya estaban.');
  await expect(surveys.getByRole('alert')).toHaveCount(0);

  // The same attendance file again adds nothing.
  await attendance.getByLabel('Archivo CSV').setInputFiles({ name: 'asistencia.csv', mimeType: 'text/csv', buffer: good });
  await attendance.getByRole('button', { name: 'Importar' }).click();
  await expect(attendance.getByRole('status')).toHaveText('2 filas: 0 nuevas, 0 actualizadas, 2 ya estaban.');

  // Without a file nothing is sent.
  const roster = region(imports, 'Nómina de agentes');
  await roster.getByRole('button', { name: 'Importar' }).click();
  await expect(roster.getByRole('alert')).toHaveText('Elija primero el archivo CSV.');
});

test('el gerente ajusta las metas y las reglas de los indicadores', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, 'gerente');
  await open(page, '/indicadores');
  await page
    .getByRole('navigation', { name: 'Secciones de indicadores' })
    .getByRole('link', { name: 'Metas de los indicadores' })
    .click();
  await expect(page).toHaveURL(/\/configuracion\/indicadores$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Indicadores' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Metas y reglas' });
  await expect(form.getByLabel('FCR', { exact: true })).toBeVisible();
  // Imports are the administrator's.
  await expect(region(page, 'Importar fuentes')).toHaveCount(0);

  // A goal of this run (50–94 %), kept after a reload.
  const goal = String(50 + (Date.now() % 45));
  await form.getByLabel('FCR', { exact: true }).fill(goal);
  const windowInput = form.getByLabel('Ventana de FCR (horas)');
  const window = await windowInput.inputValue();
  await windowInput.fill('36');
  await expect(form.getByText('Equivale a 1 día y 12 horas.')).toBeVisible();
  await windowInput.fill(window);
  await expect(form.getByLabel('Crear un registro en la base DETRACTORES del equipo por cada respuesta de 0 a 6')).toBeVisible();
  await form.getByRole('button', { name: 'Guardar metas y reglas' }).click();
  await expect(form.getByRole('status')).toHaveText('Metas y reglas guardadas.');
  await screenshot(page, testInfo, 'indicadores-metas-guardadas');

  await page.reload();
  await hydrated(page);
  await expect(form.getByLabel('FCR', { exact: true })).toHaveValue(goal);
  await expect(form.getByLabel('Ventana de FCR (horas)')).toHaveValue(window);

  // Weights that do not add up: the browser says so beside them.
  const weights = form.getByRole('group', { name: 'Pesos de calidad MEC' });
  const emitida = weights.getByLabel('Calidad emitida (monitoreo)');
  const percibida = weights.getByLabel('Calidad percibida (encuestas)');
  const [emitidaBefore, percibidaBefore] = [await emitida.inputValue(), await percibida.inputValue()];
  await emitida.fill('30');
  await percibida.fill('60');
  await expect(weights.getByText('Suman 90 %; deben sumar 100 %.')).toBeVisible();
  await form.getByRole('button', { name: 'Guardar metas y reglas' }).click();
  await expect(weights.getByText('Los pesos de calidad emitida y percibida deben sumar 100 %.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveText('Revise los campos marcados.');
  await expect(emitida).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'indicadores-pesos-invalidos');
  // Fixing them clears the message as one types.
  await emitida.fill('40');
  await expect(weights.getByText('Los pesos de calidad emitida y percibida deben sumar 100 %.')).toHaveCount(0);

  // The server applies the same rule and its message lands in the same place.
  await emitida.fill(emitidaBefore);
  await percibida.fill(percibidaBefore);
  const settings = '**/api/v1/kpis/settings';
  await page.route(settings, async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const body = JSON.parse(route.request().postData() ?? '{}');
    await route.continue({ postData: JSON.stringify({ ...body, weight_emitida: 0.3 }) });
  });
  await form.getByRole('button', { name: 'Guardar metas y reglas' }).click();
  await expect(weights.getByText('Los pesos de calidad emitida y percibida deben sumar 100 %.')).toBeVisible();
  await expect(form.getByText('Metas y reglas guardadas.')).toHaveCount(0);
  await page.unroute(settings);

  await page.reload();
  await hydrated(page);
  await expect(form.getByLabel('Calidad emitida (monitoreo)')).toHaveValue(emitidaBefore);
  await expect(form.getByLabel('FCR', { exact: true })).toHaveValue(goal);
});

test('un supervisor no ve las metas de los indicadores', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'supervisor1');
  await open(page, '/indicadores');
  await expect(page.getByRole('navigation', { name: 'Secciones de indicadores' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Metas de los indicadores' })).toHaveCount(0);
  await open(page, '/configuracion/indicadores');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
});
