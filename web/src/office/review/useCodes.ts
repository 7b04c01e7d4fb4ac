import { useTranslation } from 'react-i18next';
import type { Actor, DeclarationEvent } from '#shared/residence/declaration';
import type {
  EducationLevel,
  EmploymentStatus,
  Ethnicity,
  HousingType,
  IntendedStay,
  ResidenceReason,
  ReturnReason,
  SchoolStatus,
} from '#shared/residence/vocabulary';
import type { PolicyDocument } from '#shared/policy/vocabulary';

/**
 * The words for the codes a declaration is stored with, in the user's language: the code lists are
 * translated once, in the `residence` namespace the portal shares; events and actors are worded for
 * the officer here.
 */
export function useCodes() {
  const { t } = useTranslation(['review', 'residence', 'policy']);
  return {
    sex: (code: 'male' | 'female') => t(`residence:codes.sexes.${code}`),
    ethnicity: (code: Ethnicity) => t(`residence:codes.ethnicities.${code}`),
    education: (code: EducationLevel) => t(`residence:codes.education.${code}`),
    employment: (code: EmploymentStatus) => t(`residence:codes.employment.${code}`),
    schoolStatus: (code: SchoolStatus) => t(`residence:codes.schoolStatuses.${code}`),
    intendedStay: (code: IntendedStay) => t(`residence:codes.intendedStays.${code}`),
    reason: (code: ResidenceReason) => t(`residence:codes.reasons.${code}`),
    housing: (code: HousingType) => t(`residence:codes.housing.${code}`),
    returnReason: (code: ReturnReason) => t(`residence:codes.returnReasons.${code}`),
    event: (code: DeclarationEvent) => t(`review:event.${code}`),
    actor: (code: Actor) => t(`review:actor.${code}`),
    document: (code: PolicyDocument) => t(`policy:documents.${code}`),
  };
}
export type Codes = ReturnType<typeof useCodes>;
