import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { HouseByCodePage, HouseCodeEntryPage } from './HouseByCodePage.tsx';
import TenanciesPage from './TenanciesPage.tsx';
import TenancyPage from './TenancyPage.tsx';
import '../residence/residence.css';
import '../landlord/landlord.css';

export type TenancyArea = 'house' | 'tenancies';

/**
 * The tenant's side of a registered rental house: the house a poster's QR code (or a typed code)
 * names, the way into the declaration there, and 我的租住 with the landlords' reports to confirm.
 */
export default function TenancyPages({ area }: { area: TenancyArea }) {
  // Suspends until the namespaces are in, so no page flashes raw keys.
  useTranslation(['landlord', 'residence', 'policy', 'guide']);
  if (area === 'house') {
    return (
      <Routes>
        <Route index element={<HouseCodeEntryPage />} />
        <Route path=":code" element={<HouseByCodePage />} />
        <Route path="*" element={<Navigate to="/house" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<TenanciesPage />} />
      <Route path=":id" element={<TenancyPage />} />
      <Route path="*" element={<Navigate to="/tenancies" replace />} />
    </Routes>
  );
}
