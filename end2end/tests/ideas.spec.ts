// The ideas board of the mejora continua meetings: Camila Restrepo
// (asesor1) proposes an idea; Laura Gómez (supervisor1) finds it in her
// mejora continua meeting and approves it on the board; Andrés Villamil (coordinador) delivers it to the client in the
// circuito and records the client's answer; Camila follows it to that
// answer. Each screen runs the whole path with its own idea; the upright
// tablet does it by touch.
import { expect, Page, test, TestInfo } from '@playwright/test';
import { login, logout, mainNav, screenshot } from './helpers';

async function openBoard(page: Page, user: string) {
  await login(page, user);
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await mainNav(page).getByRole('link', { name: 'Ideas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ideas de mejora' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

function press(testInfo: TestInfo) {
  const touch = testInfo.project.name === 'tableta-vertical';
  return async (target: ReturnType<Page['getByRole']>) => (touch ? target.tap() : target.click());
}

function column(page: Page, name: string) {
  return page.getByRole('region', { name: new RegExp(`^${name}`) });
}

test('una idea va del asesor a la respuesta del cliente', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const act = press(testInfo);
  const title = `Guion de cierre más corto (${testInfo.project.name})`;

  await openBoard(page, 'asesor1');
  const form = page.getByRole('form', { name: 'Proponer una idea' });
  // An empty proposal is refused in Spanish, and nothing is sent.
  await act(form.getByRole('button', { name: 'Enviar idea' }));
  await expect(form.getByText(/Escriba un título de al menos 5 caracteres/)).toBeVisible();
  await expect(form.getByText('Describa la idea o mejora.')).toBeVisible();
  await form.getByLabel('Sobre').selectOption({ label: 'Proceso' });
  await form.getByLabel('Título').fill(title);
  await form.getByLabel('Descripción').fill('El cierre repite la tipificación; basta con confirmar la solución.');
  await act(form.getByRole('button', { name: 'Enviar idea' }));
  await expect(page.getByRole('status').filter({ hasText: 'Idea enviada al tablero' })).toBeVisible();
  const proposed = column(page, 'Propuesta').getByRole('article', { name: title });
  await expect(proposed).toContainText('Camila Restrepo');
  // Agents decide nothing.
  await expect(proposed.getByRole('button')).toHaveCount(0);
  await screenshot(page, testInfo, 'ideas-asesor');
  await logout(page);

  // The mejora continua meeting goes over the ideas waiting for a decision
  // and opens the board from there.
  await login(page, 'supervisor1');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await page.goto('/calendario');
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
  const quick = page.getByRole('region', { name: 'Registrar una práctica realizada' });
  await act(quick.getByRole('button', { name: 'Reunión de mejora continua' }));
  const meeting = page.getByRole('dialog', { name: 'Registrar: Reunión de mejora continua' });
  await expect(meeting.getByRole('list', { name: 'Propuestas por decidir' })).toContainText(`${title} — Camila Restrepo`);
  await act(meeting.getByRole('link', { name: 'Abrir Ideas de mejora' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ideas de mejora' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
  const card = column(page, 'Propuesta').getByRole('article', { name: title });
  await act(card.getByRole('button', { name: 'Descartar' }));
  // Discarding says why.
  await act(card.getByRole('button', { name: 'Confirmar: descartar' }));
  await expect(card.getByText('Escriba por qué se descarta la idea.')).toBeVisible();
  await act(card.getByRole('button', { name: 'Volver' }));
  await act(card.getByRole('button', { name: 'Aprobar para ejecución' }));
  await card.getByLabel('Observación (opcional)').fill('Se prueba en el turno de la tarde.');
  await screenshot(page, testInfo, 'ideas-supervisora-aprueba');
  await act(card.getByRole('button', { name: 'Confirmar: aprobar para ejecución' }));
  await expect(page.getByRole('status').filter({ hasText: `«${title}»: aprobada para ejecución.` })).toBeVisible();
  const approved = column(page, 'Aprobada para ejecución').getByRole('article', { name: title });
  await expect(approved).toBeVisible();
  // Delivering is the coordinador's circuit.
  await expect(approved.getByRole('button', { name: 'Entregar al cliente' })).toHaveCount(0);
  await logout(page);

  await openBoard(page, 'coordinador');
  const toDeliver = column(page, 'Aprobada para ejecución').getByRole('article', { name: title });
  await act(toDeliver.getByRole('button', { name: 'Entregar al cliente' }));
  await toDeliver.getByRole('textbox', { name: /^Entrega/ }).fill('Circuito de mejora continua de la quincena.');
  await act(toDeliver.getByRole('button', { name: 'Confirmar: entregar al cliente' }));
  const delivered = column(page, 'Entregada al cliente').getByRole('article', { name: title });
  await act(delivered.getByRole('button', { name: 'Registrar respuesta del cliente' }));
  await act(delivered.getByRole('button', { name: 'Confirmar: registrar respuesta del cliente' }));
  await expect(delivered.getByText('Elija el estado que dio el cliente.')).toBeVisible();
  await delivered.getByLabel('Estado que dio el cliente').selectOption({ label: 'Aceptada por el cliente' });
  await delivered.getByLabel('Lo que respondió el cliente').fill('Lo aplica en el nuevo guion de enero.');
  await act(delivered.getByRole('button', { name: 'Confirmar: registrar respuesta del cliente' }));
  await expect(delivered).toContainText('Aceptada por el cliente');
  await screenshot(page, testInfo, 'ideas-coordinador');
  await logout(page);

  // The agent follows the idea to the client's answer, with its history.
  await openBoard(page, 'asesor1');
  const mine = column(page, 'Entregada al cliente').getByRole('article', { name: title });
  await expect(mine).toContainText('Aceptada por el cliente');
  await act(mine.getByText(/Historial \(4\)/));
  await expect(mine).toContainText('Se prueba en el turno de la tarde.');
  await expect(mine).toContainText('Laura Gómez');
  await expect(mine).toContainText('Lo aplica en el nuevo guion de enero.');
  await logout(page);
});
