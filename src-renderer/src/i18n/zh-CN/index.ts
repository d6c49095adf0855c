import { common } from './common.js';
import { onboarding } from './onboarding.js';
import { screens } from './screens.js';
import { settings } from './settings.js';

/** Chinese is the source language: its keys are the keys every other dictionary must fill. */
export const zhCN = { ...common, ...onboarding, ...screens, ...settings };
export type MessageKey = keyof typeof zhCN;

export { common, onboarding, screens, settings };
