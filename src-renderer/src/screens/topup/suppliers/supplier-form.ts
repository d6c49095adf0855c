import type { MethodInput, MethodOutput } from '../../../../../src-shared/contract/index.js';

export type SupplierKindInfo = MethodOutput<'suppliers.kinds'>[number];
export type SupplierField = SupplierKindInfo['fields'][number];
type Credentials = MethodInput<'suppliers.add'>['credentials'];
export type SupplierCredentialKey = keyof Credentials;

/** The supplier form as the owner fills it; credentials by the keys `suppliers.kinds` names. */
export interface SupplierFormValues {
  kind: SupplierKindInfo['kind'];
  name: string;
  credentials: Partial<Record<string, string>>;
}

/** The credential keys the contract accepts, with its length limits. */
export const SUPPLIER_CREDENTIAL_MAX: Record<SupplierCredentialKey, number> = { appKey: 200, appSecret: 500, appAuthToken: 500, endpoint: 500 };
const KEYS = Object.keys(SUPPLIER_CREDENTIAL_MAX) as SupplierCredentialKey[];

export function isSupplierCredentialKey(key: string): key is SupplierCredentialKey {
  return (KEYS as string[]).includes(key);
}

/** The credentials actually typed, trimmed: blank means "not given" (on edit: keep what is saved). */
export function filledCredentials(values: SupplierFormValues): Partial<Credentials> {
  const out: Partial<Credentials> = {};
  for (const key of KEYS) {
    const text = values.credentials[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

/** Form → `suppliers.add`. Missing required keys go as '' so the core names the field that is missing. */
export function toSupplierInput(values: SupplierFormValues): MethodInput<'suppliers.add'> {
  const credentials = filledCredentials(values);
  return { kind: values.kind, name: values.name.trim(), credentials: { ...credentials, appKey: credentials.appKey ?? '', appSecret: credentials.appSecret ?? '' } };
}

/** Form → `suppliers.update`: the name, and only the credentials that were typed again. */
export function toSupplierUpdate(values: SupplierFormValues, id: number): MethodInput<'suppliers.update'> {
  const credentials = filledCredentials(values);
  return { id, name: values.name.trim(), ...(Object.keys(credentials).length > 0 && { credentials }) };
}

/** A field path in a server issue (`credentials.appKey`) → the form's field name. */
export const formFieldOf = (serverField: string): string[] => serverField.split('.');
export const FORM_FIELDS: readonly string[] = ['kind', 'name', 'credentials'];
export const HTTP_URL = /^https?:\/\//;
