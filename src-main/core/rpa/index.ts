// Public face of core/rpa: the engine, browser detection and the flow contract. Flows live in flows/.
export { RpaEngine, type RpaEngineOptions, type RpaStats, type TakeOverHandle } from './engine.js';
export { detectBrowser, launchArgs, type BrowserChoice, type DetectedBrowser } from './browser.js';
export { ProfileLockedError } from './profile-lock.js';
export { QueueClosedError } from './queue.js';
export { profileKey } from './session.js';
export * from './types.js';
