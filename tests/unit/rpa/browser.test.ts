import { describe, expect, it } from 'vitest';
import { detectBrowser, launchArgs } from '../../../src-main/core/rpa/browser.js';

const installed = (...paths: string[]) => (p: string) => paths.includes(p);

const EDGE_X86 = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const EDGE = 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const CHROME_X86 = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
const CHROME_USER = 'C:\\Users\\shop\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
const WIN_ENV = { LOCALAPPDATA: 'C:\\Users\\shop\\AppData\\Local' };

describe('detectBrowser', () => {
  it.each([
    ['Edge (x86) before everything', [EDGE_X86, EDGE, CHROME], EDGE_X86, 'Microsoft Edge'],
    ['Edge in Program Files', [EDGE, CHROME], EDGE, 'Microsoft Edge'],
    ['Chrome when Edge was removed', [CHROME, CHROME_X86], CHROME, 'Google Chrome'],
    ['32-bit Chrome', [CHROME_X86, CHROME_USER], CHROME_X86, 'Google Chrome'],
    ['Chrome installed for the current user only', [CHROME_USER], CHROME_USER, 'Google Chrome（当前用户）'],
  ])('Windows: %s', (_case, paths, expected, label) => {
    expect(detectBrowser(WIN_ENV, 'win32', installed(...paths))).toEqual({ executablePath: expected, label });
  });

  it('Windows: honours a Program Files folder on another drive', () => {
    const env = { ProgramFiles: 'D:\\Apps', 'ProgramFiles(x86)': 'D:\\Apps86' };
    expect(detectBrowser(env, 'win32', installed('D:\\Apps\\Google\\Chrome\\Application\\chrome.exe'))?.executablePath).toBe(
      'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe',
    );
  });

  it('macOS: Edge, then Chrome', () => {
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(detectBrowser({}, 'darwin', installed(edge, chrome))).toEqual({ executablePath: edge, label: 'Microsoft Edge' });
    expect(detectBrowser({}, 'darwin', installed(chrome))).toEqual({ executablePath: chrome, label: 'Google Chrome' });
  });

  it.each([
    [['/usr/bin/chromium', '/usr/bin/google-chrome'], '/usr/bin/chromium', 'Chromium'],
    [['/usr/bin/chromium-browser'], '/usr/bin/chromium-browser', 'Chromium'],
    [['/usr/bin/google-chrome', '/usr/bin/microsoft-edge'], '/usr/bin/google-chrome', 'Google Chrome'],
    [['/usr/bin/microsoft-edge'], '/usr/bin/microsoft-edge', 'Microsoft Edge'],
  ])('Linux: %j → %s', (paths, expected, label) => {
    expect(detectBrowser({}, 'linux', installed(...paths))).toEqual({ executablePath: expected, label });
  });

  it('the configured path wins, then KEYDESK_CHROMIUM, then the OS defaults', () => {
    const exists = installed('/opt/my/chrome', '/opt/ci/chromium', '/usr/bin/chromium');
    const env = { KEYDESK_CHROMIUM: '/opt/ci/chromium' };
    expect(detectBrowser(env, 'linux', exists, '/opt/my/chrome')?.executablePath).toBe('/opt/my/chrome');
    expect(detectBrowser(env, 'linux', exists)?.executablePath).toBe('/opt/ci/chromium');
    expect(detectBrowser({}, 'linux', exists)?.executablePath).toBe('/usr/bin/chromium');
  });

  it('skips a configured path or KEYDESK_CHROMIUM that does not exist', () => {
    const found = detectBrowser({ KEYDESK_CHROMIUM: '/gone/chromium' }, 'linux', installed('/usr/bin/chromium'), '/gone/chrome');
    expect(found?.executablePath).toBe('/usr/bin/chromium');
  });

  it('returns null when no browser is installed, so the UI asks for a path', () => {
    expect(detectBrowser(WIN_ENV, 'win32', installed())).toBeNull();
    expect(detectBrowser({}, 'darwin', installed())).toBeNull();
    expect(detectBrowser({}, 'linux', installed('/usr/bin/firefox'))).toBeNull();
  });
});

describe('launchArgs', () => {
  it('disables the sandbox and GPU only on Linux; keeps every run quiet', () => {
    expect(launchArgs('linux')).toEqual(['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']);
    expect(launchArgs('win32')).not.toContain('--no-sandbox');
    expect(launchArgs('darwin')).toContain('--no-first-run');
  });
});
