// The administrator creates a user, who can then sign in.
import { expect, test } from '@playwright/test';
import { login, logout, screenshot } from './helpers';

test('el administrador crea un asesor y este puede ingresar', async ({ page }, testInfo) => {
  const suffix = `${testInfo.project.name.replace(/[^a-z]/g, '')}${Date.now() % 100000}`;
  const newLogin = `prueba.${suffix}`;
  await login(page, 'admin');
  await expect(page).toHaveURL(/\/configuracion$/);
  await expect(page.getByRole('cell', { name: 'Camila Restrepo', exact: true })).toBeVisible();

  await page.getByText('Nuevo usuario').click();
  await page.getByLabel('Usuario', { exact: true }).fill(newLogin);
  await page.getByLabel('Nombre completo').fill('Persona de Prueba');
  await page.getByLabel('Rol').first().selectOption('asesor');
  await page.getByLabel('Líder (supervisor)').selectOption('supervisor2');
  await page.getByLabel('Contraseña inicial').fill('una clave de prueba');
  await screenshot(page, testInfo, 'admin-nuevo-usuario');
  await page.getByRole('button', { name: 'Crear usuario' }).click();
  await expect(page.getByText(`Se creó el usuario Persona de Prueba (${newLogin}).`)).toBeVisible();
  await expect(page.getByRole('cell', { name: newLogin, exact: true })).toBeVisible();

  // Bad input: explained in Spanish, nothing created.
  await page.getByLabel('Usuario', { exact: true }).fill('josé');
  await page.getByLabel('Nombre completo').fill('X');
  await page.getByLabel('Contraseña inicial').fill('corta');
  await page.getByRole('button', { name: 'Crear usuario' }).click();
  await expect(page.getByRole('alert')).toHaveText('Revise los campos marcados.');
  await expect(page.getByLabel('Usuario', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#nuevo-login-error')).toContainText('El usuario solo puede tener letras sin tilde');
  await expect(page.locator('#nuevo-clave-error')).toContainText('al menos 10 caracteres');

  await expect(page.getByRole('link', { name: 'Documentación de la API' })).toHaveAttribute('href', '/api/v1/docs/');
  await page.getByRole('link', { name: 'Registro de seguridad' }).click();
  await expect(page.getByRole('cell', { name: 'Usuario creado' }).first()).toBeVisible();
  await screenshot(page, testInfo, 'admin-seguridad');
  await logout(page);

  await login(page, newLogin, 'una clave de prueba');
  await expect(page).toHaveURL(/\/cola$/);
  await expect(page.getByText('Persona de Prueba')).toBeVisible();
});
