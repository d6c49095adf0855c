// Which Chromium-family browser the RPA engine drives. KeyDesk ships no browser of its own: it uses the
// Edge every Windows machine has, or a Chrome/Chromium the owner installed, or a path set in 设置.
import { existsSync } from 'node:fs';

/** What to launch: an explicit executable, or a Playwright channel name. */
export interface BrowserChoice {
  executablePath?: string;
  channel?: 'msedge' | 'chrome';
}

export interface DetectedBrowser extends BrowserChoice {
  /** Shown in 设置, e.g. `Microsoft Edge`. */
  label: string;
}

type Env = Record<string, string | undefined>;

interface Candidate {
  path: string;
  label: string;
}

function windowsCandidates(env: Env): Candidate[] {
  const programFiles = env['ProgramFiles'] ?? 'C:\\Program Files';
  const programFilesX86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
  const edge = 'Microsoft\\Edge\\Application\\msedge.exe';
  const chrome = 'Google\\Chrome\\Application\\chrome.exe';
  const list: Candidate[] = [
    { path: `${programFilesX86}\\${edge}`, label: 'Microsoft Edge' },
    { path: `${programFiles}\\${edge}`, label: 'Microsoft Edge' },
    { path: `${programFiles}\\${chrome}`, label: 'Google Chrome' },
    { path: `${programFilesX86}\\${chrome}`, label: 'Google Chrome' },
  ];
  if (env['LOCALAPPDATA']) list.push({ path: `${env['LOCALAPPDATA']}\\${chrome}`, label: 'Google Chrome（当前用户）' });
  return list;
}

const MAC_CANDIDATES: Candidate[] = [
  { path: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', label: 'Microsoft Edge' },
  { path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', label: 'Google Chrome' },
];

const LINUX_CANDIDATES: Candidate[] = [
  { path: '/usr/bin/chromium', label: 'Chromium' },
  { path: '/usr/bin/chromium-browser', label: 'Chromium' },
  { path: '/usr/bin/google-chrome', label: 'Google Chrome' },
  { path: '/usr/bin/microsoft-edge', label: 'Microsoft Edge' },
];

function candidatesFor(platform: NodeJS.Platform, env: Env): Candidate[] {
  if (platform === 'win32') return windowsCandidates(env);
  if (platform === 'darwin') return MAC_CANDIDATES;
  return LINUX_CANDIDATES;
}

/**
 * The browser to use, first match wins: the path configured in 设置 (`configured`), `KEYDESK_CHROMIUM`,
 * then the usual install places of this OS. A configured path that does not exist is skipped rather
 * than trusted, so a stale setting falls back to a browser that works. Null = nothing found; the UI then
 * asks the owner to pick the browser file.
 */
export function detectBrowser(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
  configured?: string,
): DetectedBrowser | null {
  if (configured && exists(configured)) return { executablePath: configured, label: `自定义浏览器（${configured}）` };
  const fromEnv = env['KEYDESK_CHROMIUM'];
  if (fromEnv && exists(fromEnv)) return { executablePath: fromEnv, label: `KEYDESK_CHROMIUM（${fromEnv}）` };
  const found = candidatesFor(platform, env).find((c) => exists(c.path));
  return found ? { executablePath: found.path, label: found.label } : null;
}

/**
 * Chromium flags. On Linux the browser usually runs in a container or CI without a user namespace
 * sandbox or a GPU; the rest keep a bot run quiet (no sync, updates or background traffic).
 */
export function launchArgs(platform: NodeJS.Platform = process.platform): string[] {
  const quiet = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  return platform === 'linux' ? ['--no-sandbox', '--disable-gpu', ...quiet] : quiet;
}
