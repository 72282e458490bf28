import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The browser the tests launch: its executable and the environment it needs. */
export interface ChromiumBinary {
  executablePath: string;
  env: Record<string, string>;
  /** Where it came from, for the one line the global set-up prints. */
  source: string;
}

const require = createRequire(import.meta.url);

/**
 * The Chromium for the browser tests. `CHROMIUM_PATH` picks any installed Chromium (for example
 * Debian's: `CHROMIUM_PATH=/usr/bin/chromium`); otherwise the headless Chromium shipped inside the
 * npm package @sparticuz/chromium (a devDependency), so that `npm ci && npm test` needs nothing
 * installed on the machine. No path outside node_modules is touched in that case.
 *
 * The package unpacks its brotli-compressed binary, its fonts and SwiftShader into os.tmpdir() and
 * reuses whatever /tmp/chromium it finds there, whichever version and whoever wrote it. Instead we
 * let it unpack into a fresh folder of our own and move that folder, complete, to
 * node_modules/.cache/pumpurs-chromium-<version>: a half-written binary is never used, two test runs
 * starting at once both succeed, and a new package version unpacks anew.
 */
export async function resolveChromium(): Promise<ChromiumBinary> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, env: {}, source: `CHROMIUM_PATH=${fromEnv}` };

  const packageRoot = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = path.resolve(packageRoot, '..', '..', '.cache', `pumpurs-chromium-${version}`);
  const executablePath = path.join(dir, 'chromium');
  const fontsConf = path.join(dir, 'fonts.conf');
  const done = path.join(dir, '.unpacked');
  if (!existsSync(done)) await unpack(dir, fontsConf, done);
  return {
    executablePath,
    // Only the fonts shipped with the package (Open Sans: Latin with ā č ē ģ ī ķ ļ ņ š ū ž, Greek,
    // Cyrillic), so pages render the same whether or not the machine has any fonts installed.
    env: { FONTCONFIG_FILE: fontsConf },
    source: `@sparticuz/chromium ${version}`,
  };
}

async function unpack(dir: string, fontsConf: string, done: string): Promise<void> {
  const staging = `${dir}.part-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    // executablePath() reads os.tmpdir() (which follows TMPDIR) synchronously, before its first
    // await, for every file it unpacks; TMPDIR is restored before anything else can run.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    let unpacking: Promise<string>;
    try {
      unpacking = Chromium.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const binary = await unpacking;
    if (path.resolve(binary) !== path.join(staging, 'chromium'))
      throw new Error(`@sparticuz/chromium unpacked to ${binary}, expected ${staging}/chromium`);
    // The package's own fonts.conf names /tmp/fonts and other Lambda folders; ours names the copy.
    writeFileSync(
      path.join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>`,
        `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(staging, path.basename(done)), `${new Date().toISOString()}\n`);
    mkdirSync(path.dirname(dir), { recursive: true });
    // A folder without the marker is a copy someone cut short by hand: replace it.
    if (existsSync(dir) && !existsSync(done)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another run finished first: use its copy.
      if (!existsSync(done)) throw e;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(fontsConf)) throw new Error(`Chromium unpacked without ${fontsConf}`);
}
