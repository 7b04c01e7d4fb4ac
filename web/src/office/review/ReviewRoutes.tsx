import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import type { Station } from '#shared/api/identity';
import { DetailPage } from './DetailPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import './review.css';

/**
 * Residence registration review (居住登记审核), a lazy chunk of the back office: the queue at
 * /office/residence and a declaration at /office/residence/:id.
 */
export default function ReviewRoutes({ station }: { station: Station }) {
  // Suspends until the texts and the code lists are in, so no screen flashes raw keys.
  useTranslation(['review', 'residence', 'policy']);
  return (
    <Routes>
      <Route index element={<QueuePage station={station} />} />
      <Route path=":id" element={<DetailPage />} />
    </Routes>
  );
}
