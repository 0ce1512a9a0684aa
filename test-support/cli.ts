/**
 * Runs the OpenAI-compatible test server until stopped: `npm run test-server`.
 * TEST_SERVER_PORT (default 4010) picks the port; TEST_SERVER_API_KEY, when set, is required.
 * Playwright starts it as a webServer and waits for GET /__control/health.
 */
import { startTestServer } from './server';

const port = Number(process.env.TEST_SERVER_PORT ?? '4010');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`TEST_SERVER_PORT must be a port number, got "${process.env.TEST_SERVER_PORT}".`);
  process.exit(1);
}

const server = await startTestServer({ port, ...(process.env.TEST_SERVER_API_KEY ? { apiKey: process.env.TEST_SERVER_API_KEY } : {}) });
console.log(`Trellis test server: ${server.url} (control: ${server.origin}/__control/)`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
