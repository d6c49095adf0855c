// `npm start`: build, then open the desktop window. Where the Electron runtime cannot start (no
// binary downloaded, no display), say so and run the same app in the browser host with the sandbox on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The electron package (≥ 42) fetches its runtime on first use rather than at install. Ask for it in
 * a child process so a slow or impossible download cannot hang this script.
 */
function electronBinary() {
  if (process.env.KEYDESK_NO_ELECTRON) return { reason: '已设置 KEYDESK_NO_ELECTRON' };
  console.log('正在查找 Electron 运行时（第一次启动时会自动下载）…');
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8', timeout: 10 * 60_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const path = probe.stdout?.trim();
  if (probe.status === 0 && path && existsSync(path)) return { path };
  const why = (probe.stderr || probe.error?.message || '').split('\n').find((l) => l.trim()) ?? '未知原因';
  return { reason: `Electron 运行时不可用（${why.trim()}）` };
}

function fallBackToBrowser(reason) {
  console.log(`\n无法打开桌面窗口：${reason}`);
  console.log('改用浏览器模式（keydesk serve --sandbox）：在浏览器中打开下面打印的地址。\n');
  const child = spawn(process.execPath, ['bin/keydesk.js', 'serve', '--sandbox', ...process.argv.slice(2)], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

// KEYDESK_SKIP_BUILD: the tests check the fallback without rebuilding out/ under a running E2E suite.
if (!process.env.KEYDESK_SKIP_BUILD) build();

function build() {
  console.log('正在构建卡密工作台…');
  // Through npm itself (npm_execpath when started by `npm start`), so Windows needs no shell tricks.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = electronBinary();
if (!electron.path) fallBackToBrowser(electron.reason);
else {
  const started = Date.now();
  const child = spawn(electron.path, ['.'], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  child.on('error', (err) => fallBackToBrowser(err.message));
  child.on('exit', (code) => {
    // A window that dies within seconds never opened (missing display, missing libraries).
    if (code !== 0 && Date.now() - started < 10_000) fallBackToBrowser(stderr.trim().split('\n')[0] || `退出码 ${code}`);
    else process.exit(code ?? 0);
  });
}
