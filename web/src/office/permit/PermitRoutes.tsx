import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import type { Station } from '#shared/api/identity';
import { PermitDetailPage } from './PermitDetailPage.tsx';
import { PermitQueuePage } from './PermitQueuePage.tsx';
import '../review/review.css';
import './permit.css';

/**
 * Residence permit review (居住证审核), a lazy chunk of the back office: the queue at
 * /office/permits and an application at /office/permits/:id.
 */
export default function PermitRoutes({ station }: { station: Station }) {
  // Suspends until the texts and the code lists are in, so no screen flashes raw keys.
  useTranslation(['permitReview', 'review', 'residence', 'policy']);
  return (
    <Routes>
      <Route index element={<PermitQueuePage station={station} />} />
      <Route path=":id" element={<PermitDetailPage />} />
    </Routes>
  );
}
