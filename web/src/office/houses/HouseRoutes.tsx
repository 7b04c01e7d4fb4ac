import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import type { Station } from '#shared/api/identity';
import { HouseListPage } from './HouseListPage.tsx';
import { HousePage } from './HousePage.tsx';
import '../review/review.css';
import './houses.css';

/**
 * The station's rental houses (以房管人), a lazy chunk of the back office: the lists at
 * /office/houses and a house at /office/houses/:code.
 */
export default function HouseRoutes({ station }: { station: Station }) {
  // Suspends until the texts are in, so no screen flashes raw keys.
  useTranslation(['houseWatch', 'review', 'policy', 'guide']);
  return (
    <Routes>
      <Route index element={<HouseListPage station={station} />} />
      <Route path=":id" element={<HousePage />} />
    </Routes>
  );
}
