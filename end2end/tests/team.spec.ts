// The supervisor's live view of the floor.
import { expect, test } from '@playwright/test';
import { login, logout, screenshot } from './helpers';

test('el supervisor ve a su equipo en vivo y el avance de sus bases', async ({ page, browser }, testInfo) => {
  // An agent of the team is on a pause.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await login(agent, 'asesor2');
  await expect(agent.getByText('Alertas del marcador: conectadas')).toBeVisible({ timeout: 20_000 });
  await agent.getByLabel('Motivo de la pausa').selectOption('Almuerzo');
  await agent.getByRole('button', { name: 'Pausar' }).click();
  await expect(agent.getByText('· Almuerzo')).toBeVisible();

  await login(page, 'supervisor1');
  await expect(page).toHaveURL(/\/equipo$/);
  await expect(page.getByRole('heading', { name: 'Equipo en vivo' })).toBeVisible();
  const tiles = page.getByRole('list', { name: 'Asesores' });
  await expect(tiles.getByRole('listitem')).toHaveCount(2, { timeout: 20_000 });
  const santiago = tiles.getByRole('listitem').filter({ hasText: 'Santiago Mejía' });
  await expect(santiago).toContainText('En pausa · Almuerzo');
  await expect(tiles).not.toContainText('Valentina Ríos');
  await expect(page.getByRole('table', { name: 'Avance de las bases por asesor' })).toContainText('Fidelización Hogar (demostración)');

  // Back to available: the view follows within its refresh.
  await agent.getByRole('button', { name: 'Disponible' }).click();
  await expect(santiago).toContainText('Disponible', { timeout: 10_000 });
  await screenshot(page, testInfo, 'equipo-en-vivo');

  await page.getByRole('button', { name: 'Reasignar' }).click();
  await expect(page.getByText('Elija los dos asesores.')).toBeVisible();
  await logout(page);
  await agentContext.close();
});
