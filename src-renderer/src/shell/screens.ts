/** The workbench's screens, in menu order. The id is the hash route (`#/inventory`) and the test id. */
export const screenIds = ['home', 'inventory', 'orders', 'topup', 'aftersales', 'risk', 'reports', 'settings'] as const;
export type ScreenId = (typeof screenIds)[number];

export function isScreenId(value: string): value is ScreenId {
  return (screenIds as readonly string[]).includes(value);
}
