// The built-in platform adapters, by platform id.
import type { ChannelAdapter, Platform } from './types.js';
import { taobaoAdapter } from './taobao/index.js';
import { pddAdapter } from './pdd/index.js';
import { doudianAdapter } from './doudian/index.js';
import { weidianAdapter } from './weidian/index.js';
import { siteAdapter } from './site/index.js';
import { youzanAdapter } from './youzan/index.js';

export const defaultAdapters: Partial<Record<Platform, ChannelAdapter>> = {
  taobao: taobaoAdapter,
  pdd: pddAdapter,
  doudian: doudianAdapter,
  weidian: weidianAdapter,
  youzan: youzanAdapter,
  site: siteAdapter,
};
