import type { MessageKey } from '../zh-CN/index.js';
import { common } from './common.js';
import { onboarding } from './onboarding.js';
import { screens } from './screens.js';
import { settings } from './settings.js';

export const enUS: Record<MessageKey, string> = { ...common, ...onboarding, ...screens, ...settings };
