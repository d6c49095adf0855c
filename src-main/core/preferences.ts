import type { Settings as UiSettings } from '../../src-shared/contract/index.js';
import type { Settings } from './settings.js';

const DEFAULTS: UiSettings = { language: 'zh-CN' };

/** UI preferences the owner changes from 设置; readable before unlock so the lock screen is in their language. */
export class Preferences {
  constructor(private readonly settings: Settings) {}

  get(): UiSettings {
    const stored = this.settings.get('ui') as Partial<UiSettings> | undefined;
    return { ...DEFAULTS, ...stored };
  }

  update(patch: Partial<UiSettings>): UiSettings {
    const next = { ...this.get(), ...patch };
    this.settings.set('ui', next);
    return next;
  }
}
