import { useCallback } from 'react';
import { getPermit, type PermitCard, type PermitOverview } from '#shared/api/permit';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';

export interface LoadedOverview {
  overview: PermitOverview;
  /** When the answer arrived, by this phone's clock: the QR code's refresh counts from it. */
  receivedAt: number;
}

/**
 * `GET /api/me/permit`, asked again when the language changes (the engine's reasons come in it).
 * The last answer stays on screen while the next loads, so the card does not blank on a QR refresh.
 */
export function usePermitOverview() {
  const { call } = useServices();
  const { language } = useLanguage();
  const loaded = useLoad(
    (signal) => call(getPermit, { signal }).then((overview): LoadedOverview => ({ overview, receivedAt: Date.now() })),
    [language],
  );
  const { data, replace } = loaded;

  /** Puts a card that an action returned in place of the holder's old one. */
  const replaceCard = useCallback(
    (card: PermitCard) => {
      if (!data) return;
      const swap = <H extends PermitOverview['self']>(holder: H): H => (holder.holder === card.holder ? { ...holder, permit: card } : holder);
      // The card comes with a fresh QR token: its refresh counts from now.
      replace({ receivedAt: Date.now(), overview: { ...data.overview, self: swap(data.overview.self), children: data.overview.children.map(swap) } });
    },
    [data, replace],
  );
  return { ...loaded, replaceCard };
}
