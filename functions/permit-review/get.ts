/** GET /api/officer/permit-applications/{id}: an application of the station with the person, documents and eligibility; every read is audited. */
import { getPermitApplicationForReview } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { now } from '#functions/commons/clock';
import { profileOf, documentLinks, today } from '#functions/review/declarations';
import { recordAccess } from '#functions/review/audit';
import { stationOf } from '#functions/review/station';
import { personRecord } from '#functions/permit/records';
import { eligibilityView } from '#functions/permit/views';
import { policyTranslate } from '#functions/permit/overview';
import { applicationOfStation, holderEligibility } from './applications.ts';
import { permitReviewView } from './views.ts';

export const handler = httpHandler(getPermitApplicationForReview, async ({ caller, params, language }) => {
  const station = await stationOf(caller);
  const application = await applicationOfStation(params.id, station);
  const [record, links, day] = await Promise.all([personRecord(application.accountId), documentLinks(application.documents), today()]);
  const eligibility = holderEligibility(record, application, day.date);
  // Recorded before anything is returned: a read that could not be audited shows nothing.
  await recordAccess({
    action: 'viewPermitApplication',
    officerId: caller.id,
    stationId: station.id,
    accountId: application.accountId,
    applicationId: application.id,
    at: new Date(now()).toISOString(),
  });
  return permitReviewView({
    application,
    profile: record.profile ?? (await profileOf(application.accountId)),
    eligibility: eligibility ? eligibilityView(eligibility, policyTranslate(language)) : null,
    documentLinks: links,
    today: day,
  });
});
