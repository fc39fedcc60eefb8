import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

/** Why the browser test cannot run here, or undefined when Chromium and the colour-emoji font are installed. */
export function missingBrowserPrerequisite(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (Debian package "chromium")`;
  if (!fs.existsSync(EMOJI_FONT)) return `${EMOJI_FONT} is missing (Debian package "fonts-noto-color-emoji"; without it 👍 and 👎 render as boxes)`;
  return undefined;
}

/**
 * Installs Debian's chromium and fonts-noto-color-emoji when they are missing and we are root (CI). Run before the
 * test enters its loopback-only namespace, where apt cannot reach its mirrors. Never fails: the test skips instead.
 */
export function installBrowserPrerequisites(): void {
  if (!missingBrowserPrerequisite()) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`browser test prerequisites: ${missingBrowserPrerequisite()}; not root on Debian, so not installing (the browser test will be skipped)\n`);
    return;
  }
  process.stdout.write('browser test prerequisites: installing chromium and fonts-noto-color-emoji with apt-get\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-color-emoji'], { stdio: 'inherit', env });
}

if (require.main === module) installBrowserPrerequisites();
