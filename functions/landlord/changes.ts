/**
 * Committing a change to tenancies: everything it writes in one transaction, then its text
 * messages. A transaction that fails on a condition met a concurrent change (the tenancy answered,
 * the house's occupant count moved by another report); the change is built again from fresh
 * reads, which either succeeds or says why it no longer can (409).
 */
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import type { HouseItem, TenancyItem } from './items.ts';
import { sendTexts, type Text } from './notices.ts';
import { tenancyChanged } from './records.ts';

/** What a change writes, the tenancy it leaves and the texts to send once it is stored. */
export interface TenancyChange {
  items: TransactItem[];
  tenancy: TenancyItem;
  /** The house's new state when its occupant count changes; its write is in `items`. */
  house?: HouseItem;
  texts: Text[];
}

const ATTEMPTS = 3;

/** Builds and commits a change; `build` reads what it needs afresh (consistently) each time. */
export async function commitChange<T extends { items: TransactItem[]; texts: Text[] }>(build: () => Promise<T>, lost = tenancyChanged): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const change = await build();
    if (change.items.length === 0) return change;
    try {
      await transact(change.items);
    } catch (error) {
      if (!failedConditions(error)) throw error;
      if (attempt < ATTEMPTS) continue;
      throw lost();
    }
    await sendTexts(change.texts);
    return change;
  }
}
