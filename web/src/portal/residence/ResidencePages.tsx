import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import AddChildPage from '../profile/AddChildPage.tsx';
import ChildrenPage from '../profile/ChildrenPage.tsx';
import ProfilePage from '../profile/ProfilePage.tsx';
import CertificatePage from './CertificatePage.tsx';
import DeclaredPage from './DeclaredPage.tsx';
import DeclarePage from './declare/DeclarePage.tsx';
import DetailPage from './DetailPage.tsx';
import ResidenceListPage from './ResidenceListPage.tsx';
import './residence.css';

export type ResidenceArea = 'profile' | 'children' | 'residence';

/**
 * Residence registration and the real-name profile it needs: one chunk, downloaded when the user
 * first opens one of these pages, with its translations (`policy` words the deadlines, `guide` the
 * article references).
 */
export default function ResidencePages({ area }: { area: ResidenceArea }) {
  // Suspends until the namespaces are in, so no page flashes raw keys.
  useTranslation(['residence', 'policy', 'guide']);
  switch (area) {
    case 'profile':
      return <ProfilePage />;
    case 'children':
      return (
        <Routes>
          <Route index element={<ChildrenPage />} />
          <Route path="add" element={<AddChildPage />} />
          <Route path="*" element={<Navigate to="/me/children" replace />} />
        </Routes>
      );
    case 'residence':
      return (
        <Routes>
          <Route index element={<ResidenceListPage />} />
          <Route path="declare" element={<DeclarePage mode="new" />} />
          <Route path="declared/:id" element={<DeclaredPage />} />
          <Route path=":id" element={<DetailPage />} />
          <Route path=":id/correct" element={<DeclarePage mode="correct" />} />
          <Route path=":id/certificate" element={<CertificatePage />} />
          <Route path="*" element={<Navigate to="/residence" replace />} />
        </Routes>
      );
  }
}
