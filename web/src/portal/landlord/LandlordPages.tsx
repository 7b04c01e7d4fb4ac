import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import ConfirmationsPage from './ConfirmationsPage.tsx';
import HouseFormPage from './HouseFormPage.tsx';
import HousePage from './HousePage.tsx';
import HousesPage from './HousesPage.tsx';
import RegisteredPage from './RegisteredPage.tsx';
import ReportedPage from './ReportedPage.tsx';
import ReportPage from './ReportPage.tsx';
import '../residence/residence.css';
import './landlord.css';

/**
 * 我的房屋 (`/houses/*`): a landlord's houses, their tenants and the confirmations waiting for them.
 * One chunk, downloaded when first opened, with its translations (`residence` for the shared form
 * parts and dates, `policy` and `guide` for the pack's rules, fines and article references). The QR
 * library is a chunk of its own, fetched with the first code drawn.
 */
export default function LandlordPages() {
  // Suspends until the namespaces are in, so no page flashes raw keys.
  useTranslation(['landlord', 'residence', 'policy', 'guide']);
  return (
    <Routes>
      <Route index element={<HousesPage />} />
      <Route path="new" element={<HouseFormPage mode="new" />} />
      <Route path="registered/:code" element={<RegisteredPage />} />
      <Route path="confirmations" element={<ConfirmationsPage />} />
      <Route path=":code" element={<HousePage />} />
      <Route path=":code/edit" element={<HouseFormPage mode="edit" />} />
      <Route path=":code/report" element={<ReportPage />} />
      <Route path=":code/reported" element={<ReportedPage />} />
      <Route path="*" element={<Navigate to="/houses" replace />} />
    </Routes>
  );
}
