import type { MethodInput, MethodOutput } from '../../../../../src-shared/contract/index.js';
import type { PlatformName, Shop, ShopInput } from '../../../../../src-shared/contract/methods/shops.js';

export type PlatformInfo = MethodOutput<'shops.platforms'>[number];
export type CredentialField = PlatformInfo['fields'][number];
type Credentials = ShopInput['credentials'];
export type CredentialKey = keyof Credentials;

/** The shop form as the owner fills it. Credentials are by the field keys `shops.platforms` names. */
export interface ShopFormValues {
  platform: PlatformName | undefined;
  name: string;
  credentials: Partial<Record<string, string>>;
  pollSeconds: number;
  catchUpHours: number;
}

export const POLL_SECONDS = { min: 5, max: 3600, default: 30 };
export const CATCH_UP_HOURS = { min: 0, max: 24 * 90, default: 24 };

/** The credential keys the contract accepts, with its length limits (so the field stops where the core would). */
export const CREDENTIAL_MAX_LENGTH: Record<CredentialKey, number> = {
  appKey: 200,
  appSecret: 500,
  accessToken: 2000,
  refreshToken: 2000,
  shopRef: 200,
  endpoint: 500,
};
const CREDENTIAL_KEYS = Object.keys(CREDENTIAL_MAX_LENGTH) as CredentialKey[];

export function isCredentialKey(key: string): key is CredentialKey {
  return (CREDENTIAL_KEYS as string[]).includes(key);
}

export function newShopValues(): ShopFormValues {
  return { platform: undefined, name: '', credentials: {}, pollSeconds: POLL_SECONDS.default, catchUpHours: CATCH_UP_HOURS.default };
}

/** Editing starts with the credentials blank: they never come back from the core, and blank means "keep". */
export function editShopValues(shop: Shop): ShopFormValues {
  return { platform: shop.platform, name: shop.name, credentials: {}, pollSeconds: shop.pollSeconds, catchUpHours: CATCH_UP_HOURS.default };
}

/** The credentials actually typed, trimmed: a blank optional field is "not given", not an empty value. */
export function filledCredentials(values: ShopFormValues): Partial<Credentials> {
  const out: Partial<Credentials> = {};
  for (const key of CREDENTIAL_KEYS) {
    const text = values.credentials[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

/** Form → `shops.add`. Missing required credentials go as '' so the core names the field that is missing. */
export function toShopInput(values: ShopFormValues, platform: PlatformName): ShopInput {
  const credentials = filledCredentials(values);
  return {
    platform,
    name: values.name.trim(),
    credentials: { ...credentials, appKey: credentials.appKey ?? '', appSecret: credentials.appSecret ?? '' },
    pollSeconds: values.pollSeconds,
    catchUpHours: values.catchUpHours,
  };
}

/** Form → `shops.update`: only the credentials that were typed again are replaced. */
export function toShopUpdate(values: ShopFormValues, id: number): MethodInput<'shops.update'> {
  const credentials = filledCredentials(values);
  return {
    id,
    name: values.name.trim(),
    pollSeconds: values.pollSeconds,
    ...(Object.keys(credentials).length > 0 && { credentials }),
  };
}

/** The form's top-level fields; a server issue naming one of them is shown on it. */
export const FORM_FIELDS: readonly string[] = ['platform', 'name', 'credentials', 'pollSeconds', 'catchUpHours'];

/** A field path in a server issue (`credentials.appKey`) → the form's field name. */
export function formFieldOf(serverField: string): (string | number)[] {
  return serverField.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export const HTTP_URL = /^https?:\/\//;
