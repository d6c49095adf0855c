// 风控设置: one settings key with the defaults merged in on read. The 短信网关 part lives with the
// verification code (its secret is sealed there); this store only passes it through.
import type { PlatformName, RiskSettings } from '../../../src-shared/contract/index.js';
import type { RiskDeps } from './index.js';
import type { Verification } from './verify/index.js';

const KEY = 'risk.settings';
const PLATFORMS: PlatformName[] = ['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site'];

export type BaseRiskSettings = Omit<RiskSettings, 'sms'>;

export const DEFAULT_RISK_SETTINGS: BaseRiskSettings = {
  otpTtlMinutes: 10,
  otpMaxAttempts: 5,
  otpMaxSends: 3,
  shipDeadlineHours: { taobao: 24, pdd: 24, doudian: 24, youzan: 48, weidian: 48, site: 72 },
  alertBeforeMinutes: 60,
  autoBlacklistRefundAfterRedeem: true,
};

const HOUR = 3_600_000;

export class RiskSettingsStore {
  constructor(private readonly d: Pick<RiskDeps, 'sqlite' | 'settings' | 'appendAudit'>, private readonly verification: () => Verification) {}

  base(): BaseRiskSettings {
    const stored = (this.d.settings.get(KEY) ?? {}) as Partial<BaseRiskSettings>;
    return { ...DEFAULT_RISK_SETTINGS, ...stored, shipDeadlineHours: { ...DEFAULT_RISK_SETTINGS.shipDeadlineHours, ...stored.shipDeadlineHours } };
  }

  get(): RiskSettings {
    return { ...this.base(), sms: this.verification().smsSettings() };
  }

  /** The platform's shipping deadline for an order paid at `paidAt`. */
  deadline(platform: string, paidAt: number): number {
    const hours = this.base().shipDeadlineHours[platform] ?? 24;
    return paidAt + hours * HOUR;
  }

  update(input: Partial<RiskSettings>): RiskSettings {
    const { sms, ...rest } = input;
    if (sms) this.verification().updateSms(sms);
    const changed = Object.keys(rest);
    if (changed.length) {
      this.d.sqlite.transaction(() => {
        const current = this.base();
        const hours = rest.shipDeadlineHours ? Object.fromEntries(Object.entries(rest.shipDeadlineHours).filter(([p]) => (PLATFORMS as string[]).includes(p))) : {};
        const next: BaseRiskSettings = { ...current, ...rest, shipDeadlineHours: { ...current.shipDeadlineHours, ...hours } };
        this.d.settings.set(KEY, next);
        this.d.appendAudit({ actor: 'owner', action: 'risk.settings.update', objectType: 'risk_settings', summary: { changed: changed.join(',') } });
      }).immediate();
    }
    return this.get();
  }
}
