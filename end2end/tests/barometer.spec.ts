// The barómetro: Julián Ortiz (supervisor2) records the meeting with the
// work-climate survey results — the worst-rated questions show as he
// types — and agrees an action plan with an agent of his team; in "Planes
// del barómetro" he follows it up, the agent reports her part from her
// indicators, and he closes it. A bad record is refused in
// Spanish. On the upright tablet everything is done by touch.
import { expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { login, logout, screenshot } from './helpers';

function press(testInfo: TestInfo) {
  const touch = testInfo.project.name === 'tableta-vertical';
  return async (target: Locator) => (touch ? target.tap() : target.click());
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeEnabled({ timeout: 45_000 });
}

test('el barómetro registra la encuesta y sus planes se siguen hasta cerrarlos', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const act = press(testInfo);
  const action = `Reconocer logros en el diálogo semanal (${testInfo.project.name})`;
  await login(page, 'supervisor2');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await open(page, '/calendario');

  const quick = page.getByRole('region', { name: 'Registrar una práctica realizada' });
  await act(quick.getByRole('button', { name: 'Reunión barómetro' }));
  const dialog = page.getByRole('dialog', { name: 'Registrar: Reunión barómetro' });
  // Nothing typed: every missing part is named.
  await act(dialog.getByRole('button', { name: 'Registrar' }));
  await expect(dialog.getByText('Indique el periodo de la encuesta (por ejemplo 2026-2).')).toBeVisible();
  await expect(dialog.getByText('Anote las preguntas de la encuesta con su resultado.')).toBeVisible();

  await dialog.getByLabel('Periodo de la encuesta').fill('2026-2');
  await dialog.getByLabel('Personas que respondieron').fill('11');
  const results: [string, string][] = [
    ['Me siento reconocido por mi trabajo', '42'],
    ['Tengo las herramientas que necesito', '58'],
    ['Mi líder me escucha', '88'],
  ];
  for (const [i, [question, favorable]] of results.entries()) {
    await dialog.getByLabel(`Pregunta ${i + 1}`, { exact: true }).fill(question);
    await dialog.getByLabel(`Resultado de la pregunta ${i + 1}`).fill(favorable);
  }
  const worst = dialog.getByRole('region', { name: 'Preguntas peor calificadas' });
  await expect(worst.getByRole('listitem').first()).toHaveText('42 % · Me siento reconocido por mi trabajo');
  const plan = dialog.getByRole('group', { name: 'Plan 1' });
  await plan.getByLabel('Pregunta').selectOption({ label: 'Me siento reconocido por mi trabajo (42 %)' });
  await plan.getByLabel('Acción').fill(action);
  await plan.getByLabel('Responsable').selectOption({ label: 'Valentina Ríos' });
  await screenshot(page, testInfo, 'barometro-registro');
  await act(dialog.getByRole('button', { name: 'Registrar' }));
  await expect(page.getByRole('status').filter({ hasText: 'Práctica registrada: Reunión barómetro.' })).toBeVisible();

  await act(page.getByRole('link', { name: 'Planes del barómetro' }));
  const card = page.getByRole('article', { name: action });
  await expect(card).toContainText('Responsable: Valentina Ríos');
  await expect(card).toContainText('Pregunta: Me siento reconocido por mi trabajo');
  await card.getByLabel('Seguimiento', { exact: true }).fill('Primer reconocimiento hecho el viernes.');
  await act(card.getByRole('button', { name: 'Registrar seguimiento' }));
  await expect(page.getByRole('status').filter({ hasText: `Seguimiento registrado: ${action}.` })).toBeVisible();
  await expect(card).toContainText('Primer reconocimiento hecho el viernes.');
  await logout(page);

  // Valentina, the plan's owner, finds it in her indicators and reports
  // her part; the other plans of the team are not hers to see.
  await login(page, 'asesor3');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await open(page, '/mis-indicadores');
  const mine = page.getByRole('region', { name: 'Mis planes del barómetro' });
  const own = mine.getByRole('article', { name: action });
  await expect(own).toContainText('Barómetro de Julián Ortiz');
  await own.getByLabel('Seguimiento', { exact: true }).fill('Propuse al equipo la lista de logros del mes.');
  await act(own.getByRole('button', { name: 'Registrar seguimiento' }));
  await expect(page.getByRole('status').filter({ hasText: `Seguimiento registrado: ${action}.` })).toBeVisible();
  await expect(own).toContainText('Valentina Ríos: Propuse al equipo la lista de logros del mes.');
  await screenshot(page, testInfo, 'barometro-mis-planes');
  await logout(page);

  await login(page, 'supervisor2');
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 20_000 });
  await open(page, '/calendario/planes');
  await expect(card).toContainText('Propuse al equipo la lista de logros del mes.');
  // Closing needs its result.
  await act(card.getByLabel('Cerrar el plan con este seguimiento'));
  await act(card.getByRole('button', { name: 'Registrar y cerrar' }));
  await expect(card.getByText('Escriba el resultado con el que se cierra el plan.')).toBeVisible();
  await card.getByLabel('Seguimiento', { exact: true }).fill('El equipo nota el cambio; se mantiene en el diálogo.');
  await screenshot(page, testInfo, 'barometro-planes');
  await act(card.getByRole('button', { name: 'Registrar y cerrar' }));
  await expect(page.getByRole('status').filter({ hasText: `Plan cerrado: ${action}.` })).toBeVisible();
  // Closed plans leave the open list and come back on request.
  await expect(page.getByRole('article', { name: action })).toHaveCount(0);
  await act(page.getByLabel('Incluir cerrados'));
  await expect(page.getByRole('article', { name: action })).toContainText('Cerrado');
  await logout(page);
});
