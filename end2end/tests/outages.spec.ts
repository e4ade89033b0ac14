// Avisos de falla masiva: the back office registers a notice for a zone
// (a malformed INC number is refused in Spanish first), finds it listed,
// edits it, closes it after confirming and reads whom to call back.
import { expect, Locator, Page, test } from '@playwright/test';
import { login, screenshot } from './helpers';

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

/** A `datetime-local` value in Bogotá, `hours` from now. */
function bogotaInput(hours: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Bogota',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + hours * 3_600_000));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The incident's row in the list. */
function incidentRow(page: Page, number: string): Locator {
  return page
    .getByRole('region', { name: 'Avisos registrados' })
    .getByRole('row')
    .filter({ has: page.locator('code', { hasText: number }) });
}

test('el back office registra, edita y cierra un aviso de falla masiva', async ({ page }, testInfo) => {
  // INC and ten digits no other run or project uses.
  const number = `INC0008${String(Date.now()).slice(-6)}${testInfo.project.name === 'escritorio' ? 1 : 2}`;
  test.setTimeout(240_000);
  await signIn(page, 'backoffice');
  await open(page, '/avisos');
  await expect(page.getByRole('heading', { level: 1, name: 'Avisos de falla masiva' })).toBeVisible();
  const list = page.getByRole('region', { name: 'Avisos registrados' });
  await expect(list.getByRole('table').or(list.getByText(/^No hay avisos/))).toBeVisible();

  // A malformed number is refused before anything is sent.
  await list.getByRole('button', { name: 'Nuevo aviso' }).click();
  const form = page.getByRole('form', { name: 'Nuevo aviso' });
  await expect(form.getByLabel('Número del aviso')).toBeFocused();
  await form.getByLabel('Número del aviso').fill('INC12');
  await form.getByLabel('Prioridad').selectOption({ label: 'Alta' });
  await form.getByLabel('Descripción').fill('Corte de fibra en la troncal de Pereira (prueba e2e).');
  await form.getByLabel('Zonas', { exact: true }).fill('Pereira, pereira | ');
  await expect(form.getByRole('list', { name: 'Zonas afectadas' }).getByRole('listitem')).toHaveText(['Pereira']);
  await form.getByLabel('Fin estimado').fill(bogotaInput(4));
  await form.getByRole('button', { name: 'Registrar aviso' }).click();
  await expect(form.getByText('El número del aviso es INC seguido de 6 a 12 dígitos, por ejemplo INC000123456.')).toBeVisible();
  await expect(form.getByText('Revise los campos marcados.')).toBeVisible();
  await screenshot(page, testInfo, 'avisos-numero-invalido');

  // Typed as agents copy it: spaces and lower case are fine.
  await form.getByLabel('Número del aviso').fill(` ${number.toLowerCase()} `);
  await form.getByRole('button', { name: 'Registrar aviso' }).click();
  await expect(page.getByText(`Aviso ${number} registrado.`)).toBeVisible();
  const row = incidentRow(page, number);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Alta');
  await expect(row).toContainText('Pereira');
  await expect(row).toContainText('Activo');
  await screenshot(page, testInfo, 'avisos-lista');

  // Editing the description.
  await row.getByRole('button', { name: `Editar ${number}` }).click();
  const editor = page.getByRole('form', { name: `Editar el aviso ${number}` });
  await expect(editor.getByLabel('Descripción')).toHaveValue('Corte de fibra en la troncal de Pereira (prueba e2e).');
  await editor.getByLabel('Descripción').fill('Corte de fibra en Pereira: cuadrilla en sitio (prueba e2e).');
  await editor.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText(`Aviso ${number} actualizado.`)).toBeVisible();
  await expect(row).toContainText('cuadrilla en sitio');

  // Closing asks first, then lists whom to call back (maybe nobody).
  await row.getByRole('button', { name: `Cerrar aviso ${number}` }).click();
  const confirm = page.getByRole('group', { name: 'Confirmar el cierre del aviso' });
  await expect(confirm).toContainText(`¿Cerrar el aviso ${number}?`);
  await screenshot(page, testInfo, 'avisos-confirmar-cierre');
  await confirm.getByRole('button', { name: 'Sí, cerrar el aviso' }).click();
  const callbacks = page.getByRole('region', { name: /Clientes para devolver la llamada/ });
  await expect(callbacks).toBeVisible();
  await expect(callbacks).toContainText(number);
  await expect(callbacks.getByRole('table').or(callbacks.getByText('Ningún cliente quedó vinculado a este aviso')).first()).toBeVisible();
  await expect(incidentRow(page, number)).toHaveCount(0);
  await screenshot(page, testInfo, 'avisos-clientes-devolucion');

  // Closed notices stay in "Todos", with their customers on request.
  await callbacks.getByRole('button', { name: 'Ocultar' }).click();
  await expect(callbacks).toHaveCount(0);
  await list.getByLabel('Mostrar').selectOption({ label: 'Todos' });
  await expect(row).toContainText('Cerrado');
  await expect(row.getByRole('button', { name: `Editar ${number}` })).toHaveCount(0);
  await row.getByRole('button', { name: `Clientes del aviso ${number}` }).click();
  await expect(callbacks).toContainText(number);
  await expect(callbacks.getByRole('table').or(callbacks.getByText('Ningún cliente quedó vinculado a este aviso')).first()).toBeVisible();
});

test('un asesor no puede ver los avisos', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'asesor2');
  await page.goto('/avisos');
  await expect(page.getByRole('heading', { name: 'No tiene permiso para ver esta página' })).toBeVisible();
});
