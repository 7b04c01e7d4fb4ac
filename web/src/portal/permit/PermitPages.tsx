import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LeavePage, RenewPage } from './ActionPages.tsx';
import ApplicationPage, { AppliedPage } from './ApplicationPage.tsx';
import ApplyPage from './ApplyPage.tsx';
import CorrectPage from './CorrectPage.tsx';
import PermitPage, { ChildCardPage } from './PermitPage.tsx';
import '../residence/residence.css';
import './permit.css';

/**
 * The residence permit (居住证): one chunk, downloaded when the user first opens it, with its
 * translations (`residence` for the shared form parts and dates, `policy` for the engine's words,
 * `guide` for article references). The QR library is a chunk of its own, fetched with the first card.
 */
export default function PermitPages() {
  // Suspends until the namespaces are in, so no page flashes raw keys.
  useTranslation(['permit', 'residence', 'policy', 'guide']);
  return (
    <Routes>
      <Route index element={<PermitPage />} />
      <Route path="card" element={<ChildCardPage />} />
      <Route path="apply" element={<ApplyPage kind="first" />} />
      <Route path="replace" element={<ApplyPage kind="replacement" />} />
      <Route path="applied/:id" element={<AppliedPage />} />
      <Route path="applications/:id" element={<ApplicationPage />} />
      <Route path="applications/:id/correct" element={<CorrectPage />} />
      <Route path="renew" element={<RenewPage />} />
      <Route path="leave" element={<LeavePage />} />
      <Route path="*" element={<Navigate to="/permit" replace />} />
    </Routes>
  );
}
