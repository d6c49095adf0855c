// The built-in platform adapters, by platform id.
import type { ChannelAdapter, Platform } from './types.js';

export const defaultAdapters: Partial<Record<Platform, ChannelAdapter>> = {};
