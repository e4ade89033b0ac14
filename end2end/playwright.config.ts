// Browser tests of Faro in Debian's headless Chromium (never a downloaded
// browser). The server is started here on a fresh SQLite file with demo data.
import { defineConfig, devices } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.FARO_E2E_PORT ?? 3100);
const binary = process.env.FARO_E2E_BINARY ?? path.resolve(__dirname, '../target/debug/faro');
const dataDir = process.env.FARO_E2E_DATA ?? path.join(os.tmpdir(), `faro-e2e-${port}`);

export const baseURL = `http://127.0.0.1:${port}`;
/** The dialer's shared secret of the test server. */
export const dialerSecret = 'e2e-clave-del-marcador-2026';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    launchOptions: chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'escritorio',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, launchOptions: chromium },
    },
    {
      name: 'tableta',
      use: {
        viewport: { width: 1024, height: 768 },
        hasTouch: true,
        isMobile: false,
        deviceScaleFactor: 1,
        launchOptions: chromium,
      },
    },
    {
      name: 'tableta-vertical',
      use: {
        viewport: { width: 768, height: 1024 },
        hasTouch: true,
        isMobile: false,
        deviceScaleFactor: 1,
        launchOptions: chromium,
      },
    },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && exec "${binary}" serve --bind 127.0.0.1:${port} --dialer-secret ${dialerSecret} --database-url "sqlite://${dataDir}/faro.db?mode=rwc"`,
    cwd: path.resolve(__dirname, '..'),
    url: `${baseURL}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? 'target/site', FARO_LOG: 'warn' },
  },
});
