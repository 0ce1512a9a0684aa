#!/usr/bin/env node
// Makes sure a Chromium that Playwright can drive is installed. Playwright cannot download its
// own browser on this kind of machine, so the end-to-end tests use Debian's Chromium. When it is
// missing, install it with apt-get (as root, or through sudo when available).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((path) => existsSync(path));
if (found) {
  console.log(`Chromium: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasSudo = spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
if (!isRoot && !hasSudo) {
  console.error(
    'Chromium is not installed and this user cannot install it.\n' +
      'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or set CHROMIUM_PATH to an existing Chromium or Chrome binary.',
  );
  process.exit(1);
}
const sudo = isRoot ? '' : 'sudo ';
console.log('Chromium is missing: installing Debian\'s chromium package (about half a minute)...');
try {
  execSync(`${sudo}apt-get update`, { stdio: 'inherit' });
  execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium`, { stdio: 'inherit' });
} catch {
  console.error('Installing Chromium with apt-get failed. Install it by hand: apt-get install -y chromium');
  process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('apt-get finished but /usr/bin/chromium is not there.');
  process.exit(1);
}
console.log('Chromium installed: /usr/bin/chromium');
