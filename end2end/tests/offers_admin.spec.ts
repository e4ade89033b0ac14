// Configuración → Ofertas: the admin creates an offer with the form, retires
// it, imports a catalog file (and a bad one that changes nothing), edits a
// retention policy, reads the history and runs the selector simulator; other
// roles are refused, and leaders read the conversion report.
import { expect, Locator, Page, test } from '@playwright/test';
import { login, screenshot } from './helpers';

/** Signs in and waits for the landing page (the session is set). */
async function signIn(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
}

/** A code no earlier run (or project) used: upper case letters and digits. */
function uniqueCode(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).toUpperCase()}`;
}

/** The `<code>` element showing exactly this code. */
function codeOf(scope: Page | Locator, code: string): Locator {
  return scope.locator('code').filter({ hasText: new RegExp(`^${code}$`) });
}

function region(page: Page, name: string | RegExp): Locator {
  return page.getByRole('region', { name });
}

/** The catalog narrowed to one code by the search box. */
async function findOffer(page: Page, code: string): Promise<Locator> {
  const catalog = region(page, 'Catálogo de ofertas');
  await catalog.getByLabel('Buscar').fill(code);
  return catalog.getByRole('row').filter({ has: codeOf(page, code) });
}

test('el administrador crea, retira e importa ofertas, edita una política, lee el historial y simula el selector', async ({ page }, testInfo) => {
  const code = uniqueCode('E2E');
  const imported = uniqueCode('IMP');
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', { name: 'Ofertas', exact: true }).click();
  await expect(page).toHaveURL(/\/configuracion\/ofertas$/);
  const catalog = region(page, 'Catálogo de ofertas');
  // The shipped catalog is there.
  await expect(codeOf(catalog, 'DESC10')).toBeVisible({ timeout: 20_000 });
  await screenshot(page, testInfo, 'ofertas-catalogo');

  // The browser checks the form with the domain's rules before sending it.
  const form = page.getByRole('form', { name: 'Nueva oferta' });
  await form.getByRole('button', { name: 'Crear oferta' }).click();
  await expect(form.getByText('Escriba el nombre de la oferta.')).toBeVisible();
  await expect(form.getByText('Revise los campos marcados.')).toBeVisible();

  // A new offer through the form.
  await form.getByLabel('Código').fill(code);
  await form.getByLabel('Nombre').fill(`Descuento de prueba ${code}`);
  await form.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Descuento' });
  await form.getByLabel('Escalón').fill('2');
  await form.getByLabel('Guion').fill('{cliente}, le ofrecemos un descuento de prueba durante 6 meses.');
  await form.getByLabel('Segmento').selectOption({ label: 'Hogar' });
  await form.getByLabel('Costo mensual').fill('15.000');
  await form.getByLabel('Duración (meses)').fill('6');
  await form.getByLabel('Vigente desde').fill('2026-01-01');
  await form.getByLabel('Vigente hasta').fill('2030-12-31');
  await form.getByRole('group', { name: 'Servicios a los que aplica' }).getByLabel('Internet').check();
  await form.getByRole('group', { name: 'Tipos de base' }).getByLabel('Cancelaciones').check();
  await form.getByLabel('Antigüedad mínima (meses)').fill('6');
  await form.getByLabel('Valor mensual mínimo').fill('50.000');
  await form.getByLabel('Valor mensual máximo').fill('300.000');
  await form.getByRole('group', { name: 'Necesidades que atiende' }).getByLabel('Precio').check();
  await form.getByLabel('Código').scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'ofertas-editor');
  await form.getByRole('button', { name: 'Crear oferta' }).click();
  await expect(page.getByText(`Oferta ${code} guardada.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `Editar la oferta ${code}` })).toBeVisible();

  // It is in the table, active.
  let row = await findOffer(page, code);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Escalón 2');
  await expect(row).toContainText('$ 15.000');
  await expect(row).toContainText('Activa');

  // Retiring asks first, then the row says so.
  await row.getByRole('button', { name: /^Retirar/ }).click();
  const confirm = catalog.getByRole('alertdialog');
  await expect(confirm).toContainText(`¿Retirar la oferta ${code}`);
  await confirm.getByRole('button', { name: 'Sí, retirar' }).click();
  await expect(catalog.getByText(`Oferta ${code} retirada.`)).toBeVisible();
  row = await findOffer(page, code);
  await expect(row).toContainText('Retirada');
  await expect(row.getByRole('button', { name: /^Activar/ })).toBeVisible();

  // Both changes are in the history, with the admin's name.
  const history = region(page, 'Historial');
  const changes = history.getByRole('row').filter({ has: codeOf(page, code) });
  await expect(changes).toHaveCount(2);
  await expect(changes.filter({ hasText: 'Creada' })).toContainText('Diana Rojas');
  await expect(changes.filter({ hasText: 'Retirada' })).toContainText('Diana Rojas');

  // A good file: created and updated counts.
  const importer = region(page, 'Importar desde CSV');
  const good = [
    'codigo,nombre,guion,tipo,escalon,costo,servicios,necesidades,tipos_base',
    // Only for detractores: the guide's browser tests of other campaigns
    // share this catalog and must not see it.
    `${imported}_A,Importada A,{cliente}: descuento importado,DESCUENTO,2,10.000,INTERNET|TV,PRECIO,DETRACTORES`,
    `${imported}_B,Importada B,{cliente}: mejora importada,MEJORA_PLAN,3,20000,,VELOCIDAD,CANCELACIONES|ABANDONOS`,
    '',
  ].join('\n');
  await importer.getByLabel('Archivo CSV').setInputFiles({ name: 'ofertas.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await importer.getByRole('button', { name: 'Importar' }).click();
  await expect(importer.getByText('Importadas: 2 nuevas, 0 actualizadas.')).toBeVisible();
  await expect(await findOffer(page, `${imported}_A`)).toHaveCount(1);

  // A bad file names the line and imports nothing.
  const bad = [
    'codigo,nombre,guion,tipo,escalon',
    `${imported}_C,Buena,{cliente}: otra,DESCUENTO,2`,
    `${imported}_D,Mala,{cliente}: mala,REGALO,2`,
    '',
  ].join('\n');
  await importer.getByLabel('Archivo CSV').setInputFiles({ name: 'malo.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await importer.getByRole('button', { name: 'Importar' }).click();
  const problem = importer.getByRole('alert');
  await expect(problem).toContainText('El archivo no se importó');
  await expect(problem).toContainText('Línea 3');
  await expect(problem).toContainText('REGALO');
  await catalog.getByLabel('Buscar').fill(`${imported}_C`);
  await expect(catalog.getByText('Ninguna oferta coincide con el filtro.')).toBeVisible();
  await catalog.getByLabel('Buscar').fill('');

  // A policy: the browser refuses a rung out of range, the server keeps the new name.
  const policies = region(page, 'Políticas de retención');
  await policies
    .getByRole('row')
    .filter({ has: codeOf(page, 'RET_CANCELACIONES') })
    .getByRole('button', { name: /^Editar/ })
    .click();
  const policyForm = page.getByRole('form', { name: 'Editar la política RET_CANCELACIONES' });
  await expect(policyForm.getByLabel('Código')).toHaveValue('RET_CANCELACIONES');
  await policyForm.getByLabel('Hasta el escalón').fill('1');
  await policyForm.getByRole('button', { name: 'Guardar política' }).click();
  await expect(policyForm.getByText(/entre 2 y 9/)).toBeVisible();
  const policyName = `Retención de cancelaciones (revisada ${imported})`;
  await policyForm.getByLabel('Hasta el escalón').fill('4');
  await policyForm.getByLabel('Nombre').fill(policyName);
  await policyForm.getByRole('button', { name: 'Guardar política' }).click();
  await expect(policies.getByText('Política RET_CANCELACIONES guardada.')).toBeVisible();
  const policyRow = policies.getByRole('row').filter({ has: codeOf(page, 'RET_CANCELACIONES') });
  await expect(policyRow).toContainText(policyName);
  await expect(policyRow).toContainText('Hasta el escalón 4');
  await policyRow.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'ofertas-politicas');
  await expect(
    history.getByRole('row').filter({ has: codeOf(page, 'RET_CANCELACIONES') }).filter({ hasText: 'Diana Rojas' }).first(),
  ).toBeVisible();

  // The simulator: a Hogar cancellation with price as the need.
  const simulator = region(page, 'Simulador del selector');
  await simulator.getByLabel('Campaña (tipo de base)').selectOption({ label: 'Cancelaciones' });
  await simulator.getByLabel('Segmento').selectOption({ label: 'Hogar' });
  await simulator.getByLabel('Antigüedad (meses)').fill('24');
  await simulator.getByLabel('Valor mensual (pesos)').fill('129.900');
  await simulator.getByRole('button', { name: 'Calcular ofertas' }).click();
  const ordered = simulator.getByRole('list', { name: 'Ofertas en el orden en que se presentan' });
  await expect(ordered).toBeVisible();
  const items = await ordered.locator(':scope > li').allTextContents();
  const position = (c: string) => items.findIndex((text) => text.includes(c));
  const ladder = ['BEN_PREMIUM_HOGAR', 'DESC10', 'DESC20', 'DESC30'].map(position);
  expect(ladder.every((p) => p >= 0), `${items.join(' | ')}`).toBe(true);
  expect([...ladder].sort((a, b) => a - b)).toEqual(ladder);
  expect(position(`${imported}_B`)).toBeGreaterThan(position('DESC10'));
  expect(position(`${imported}_A`)).toBe(-1);
  await expect(ordered).toContainText('Escalón 1');
  await expect(ordered).toContainText(`En la política «${policyName}».`);
  const timing = simulator.getByTestId('selector-tiempo');
  await expect(timing).toHaveText(/^Calculado en \d+,\d{2} ms sobre \d+ ofertas \(\d+,\d{2} ms sin las razones/);
  const ms = Number(await timing.getAttribute('data-ms'));
  expect(Number.isFinite(ms) && ms >= 0).toBe(true);
  // Why the others do not apply: the retired offer among them.
  const why = simulator.getByRole('button', { name: /¿Por qué no aplican las demás\?/ });
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await why.click();
  await expect(why).toHaveAttribute('aria-expanded', 'true');
  const excluded = simulator.getByRole('list', { name: 'Ofertas que no aplican' });
  await expect(excluded.locator(':scope > li').filter({ hasText: code })).toContainText('Está retirada del catálogo.');
  await screenshot(page, testInfo, 'ofertas-simulador');

  // The conversion report is on the page too.
  await expect(page.getByRole('heading', { name: 'Conversión de la retención' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conversión por escalón' })).toBeVisible();
});

test('un asesor no puede abrir la configuración de ofertas', async ({ page }) => {
  await signIn(page, 'asesor1');
  await page.goto('/configuracion/ofertas');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Catálogo de ofertas' })).toHaveCount(0);
});

test('el supervisor abre la conversión de la retención desde Indicadores', async ({ page }, testInfo) => {
  await signIn(page, 'supervisor1');
  await page.goto('/indicadores');
  await expect(page.getByRole('heading', { level: 1, name: 'Indicadores' })).toBeVisible();
  await page.getByRole('link', { name: 'Conversión de la retención' }).click();
  await expect(page).toHaveURL(/\/indicadores\/retencion$/);
  for (const heading of ['Conversión por escalón', 'Conversión por oferta', 'Retención por servicio']) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({ timeout: 20_000 });
  }
  await expect(page.getByLabel('Desde')).toHaveValue(/^\d{4}-\d{2}-01$/);
  await screenshot(page, testInfo, 'indicadores-retencion');
});
