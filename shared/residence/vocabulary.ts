/**
 * Closed code lists of a person's real-name profile and of a residence declaration. Every code is
 * translated in the `residence` namespace (`residence:codes.<list>.<code>`); the API stores codes,
 * never words.
 */

/** GB/T 3304 ethnic groups: 56 codes, plus 97 (other, not identified) and 98 (naturalised foreign-born). */
export const ETHNICITIES = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
  '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40',
  '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54', '55', '56', '97', '98',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** Highest completed education, after GB/T 4658 grouped as a form asks it. */
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'juniorSecondary',
  'seniorSecondary',
  'vocational',
  'juniorCollege',
  'bachelor',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EMPLOYMENT_STATUSES = ['employed', 'selfEmployed', 'flexible', 'unemployed', 'student', 'retired', 'other'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Where an accompanying child is in school (used later for the school entitlements). */
export const SCHOOL_STATUSES = ['notYetInSchool', 'kindergarten', 'primary', 'juniorSecondary', 'seniorSecondary', 'notInSchool'] as const;
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];

/** How long the person means to stay; each code names its lower bound, for the packs' `plannedStay` conditions. */
export const INTENDED_STAYS = ['under10Days', 'from10Days', 'from30Days', 'from6Months', 'from1Year'] as const;
export type IntendedStay = (typeof INTENDED_STAYS)[number];

export const RESIDENCE_REASONS = ['work', 'business', 'study', 'family', 'other'] as const;
export type ResidenceReason = (typeof RESIDENCE_REASONS)[number];

export const HOUSING_TYPES = ['rented', 'own', 'employerDormitory', 'relatives'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

/** Why an officer returns a declaration for correction; `other` needs a note. */
export const RETURN_REASONS = [
  'addressIncomplete',
  'addressNotInStation',
  'proofMissing',
  'proofUnreadable',
  'proofMismatch',
  'moveInDateWrong',
  'identityMismatch',
  'housingDetailsWrong',
  'other',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Files a person may upload as proof of residence, and the largest accepted. */
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ProofContentType = (typeof PROOF_CONTENT_TYPES)[number];
export const PROOF_MAX_BYTES = 5 * 1024 * 1024;

/** A person may list this many accompanying children. */
export const MAX_CHILDREN = 10;
