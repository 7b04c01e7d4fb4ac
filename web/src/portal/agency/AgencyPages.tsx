import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import ApiKeysPage from './ApiKeysPage.tsx';
import NewUploadPage from './NewUploadPage.tsx';
import PeoplePage from './PeoplePage.tsx';
import UploadPage from './UploadPage.tsx';
import UploadsPage from './UploadsPage.tsx';
import '../residence/residence.css';
import './agency.css';

/**
 * 批量报送 (`/agency/*`): an organisation's uploads, the check and commit of each, the people it
 * has reported and its API keys. One chunk, downloaded when first opened, with its translations
 * (`sheet` for the columns, events and kinds of organisation as the template writes them,
 * `residence` for dates and the shared page parts).
 */
export default function AgencyPages() {
  // Suspends until the namespaces are in, so no page flashes raw keys.
  useTranslation(['agency', 'sheet', 'residence']);
  return (
    <Routes>
      <Route index element={<UploadsPage />} />
      <Route path="uploads/new" element={<NewUploadPage />} />
      <Route path="uploads/:id" element={<UploadPage />} />
      <Route path="people" element={<PeoplePage />} />
      <Route path="api-keys" element={<ApiKeysPage />} />
      <Route path="*" element={<Navigate to="/agency" replace />} />
    </Routes>
  );
}
