import type { z } from 'zod';
import { appMethods } from './methods/app.js';
import { vaultMethods } from './methods/vault.js';
import { auditMethods } from './methods/audit.js';
import { sandboxMethods } from './methods/sandbox.js';
import { productMethods } from './methods/products.js';
import { inventoryMethods } from './methods/inventory.js';
import { importMethods } from './methods/imports.js';
import { sheetSyncMethods } from './methods/sheet-sync.js';
import { shopMethods } from './methods/shops.js';
import { orderMethods } from './methods/orders.js';
import { topupMethods } from './methods/topup.js';
import { aftersalesMethods } from './methods/aftersales.js';
import { riskMethods } from './methods/risk.js';
import { alertsMethods } from './methods/alerts.js';
import { backupMethods } from './methods/backup.js';
import { reportsMethods } from './methods/reports.js';

/** Every method any host exposes. Add a domain's methods here; hosts and the client derive from it. */
export const methods = {
  ...appMethods,
  ...vaultMethods,
  ...auditMethods,
  ...sandboxMethods,
  ...productMethods,
  ...inventoryMethods,
  ...importMethods,
  ...sheetSyncMethods,
  ...shopMethods,
  ...orderMethods,
  ...topupMethods,
  ...aftersalesMethods,
  ...riskMethods,
  ...alertsMethods,
  ...backupMethods,
  ...reportsMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export * from './errors.js';
export * from './events.js';
export type { KeyDeskBridge, UploadResult } from './bridge.js';
export { DEFAULT_MAX_BODY_BYTES } from './define.js';
export type { MethodDef, EventDef } from './define.js';
export * from './methods/app.js';
export * from './methods/vault.js';
export * from './methods/audit.js';
export * from './methods/sandbox.js';
export * from './methods/products.js';
export * from './methods/inventory.js';
export * from './methods/imports.js';
export * from './methods/sheet-sync.js';
export * from './methods/shops.js';
export * from './methods/orders.js';
export * from './methods/topup.js';
export * from './methods/aftersales.js';
export * from './methods/risk.js';
export * from './methods/alerts.js';
export * from './methods/backup.js';
export * from './methods/reports.js';
