/**
 * Telling a tenant what the landlord did: a message in their 消息 tab when they have an account
 * (written in the change's transaction), and a text message after it commits — to the number the
 * tenancy holds, in the account's language, or in Chinese for a pending person without one.
 */
import type { Language } from '#shared/i18n/languages';
import { messagePut, sendNoticeSms, type Notice } from '#functions/residence/notify';
import { readProfile } from '#functions/residence/profiles';
import type { TransactItem } from '#functions/commons/transactions';
import { houseAddressLine } from '#functions/tenancy/requesting';
import type { HouseItem, TenancyItem } from './items.ts';

export interface Text {
  notice: Notice;
  phone: string;
  language: Language;
}

export interface TenantNotice {
  /** The 消息 entry (only for a tenant with an account). */
  items: TransactItem[];
  text: Text;
}

/** The notice of `kind` to the tenant of `tenancy`, with the house's address and `values`. */
export async function tenantNotice(
  kind: Notice['kind'],
  tenancy: TenancyItem,
  house: HouseItem,
  at: string,
  values: Record<string, string>,
  links: Pick<Notice, 'declarationId'> = {},
): Promise<TenantNotice> {
  const accountId = tenancy.tenant.accountId;
  const notice: Notice = {
    accountId: accountId ?? '',
    kind,
    tenancyId: tenancy.id,
    houseId: house.id,
    ...links,
    at,
    values: { address: houseAddressLine(house), ...values },
  };
  const profile = accountId ? await readProfile(accountId) : undefined;
  return {
    items: accountId ? [messagePut(notice)] : [],
    text: { notice, phone: tenancy.tenant.phone, language: profile?.language ?? 'zh-CN' },
  };
}

/** After the commit: every text message of the change (a failed one is logged, not thrown). */
export const sendTexts = (texts: readonly Text[]) => Promise.all(texts.map((t) => sendNoticeSms(t.notice, t.phone, t.language)));
