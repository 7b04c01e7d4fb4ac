import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { OrganisationListPage } from './OrganisationListPage.tsx';
import { OrganisationPage } from './OrganisationPage.tsx';
import '../review/review.css';
import './organisations.css';

/**
 * The administrator's organisations, a lazy chunk of the back office: the list at
 * /office/organisations and an organisation with its users at /office/organisations/:id.
 */
export default function OrganisationRoutes() {
  // Suspends until the texts are in (the kinds of organisation in the upload sheets' words), so no screen flashes raw keys.
  useTranslation(['organisations', 'sheet', 'review']);
  return (
    <Routes>
      <Route index element={<OrganisationListPage />} />
      <Route path=":id" element={<OrganisationPage />} />
    </Routes>
  );
}
