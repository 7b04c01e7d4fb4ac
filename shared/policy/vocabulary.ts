/**
 * The closed vocabulary that policy packs are written in. Packs hold only these codes and numbers;
 * every code has a translation in the `policy` locale namespace (zh-CN, en, ug), so a pack never
 * carries prose of its own except the quoted regulation text.
 */

export const DURATION_UNITS = ['hours', 'days', 'workingDays', 'months', 'years'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** The event a period is counted from (or, for lead times and windows, counted back from). */
export const EVENTS = [
  'arrival', // 到达居住地
  'detailsChanged', // 登记内容变更 / 变动
  'moveIn', // 入住
  'moveOut', // 离开 / 终止居住
  'leaseStart', // 房屋出租之日
  'leaseEnd', // 终止租赁关系
  'thirdPartyRegistration', // 登记之日 (a landlord, employer or agency recorded the person)
  'hire', // 聘用 / 招用
  'termination', // 终止或者解除劳动关系
  'placement', // 介绍成功
  'siteArrival', // 入驻 (market or construction site)
  'institutionRegistration', // 宾馆、医院、学校、救助机构办理居住登记之日
  'acceptance', // 受理
  'expiry', // 有效期满
  'residenceAnniversary', // 居住每满1年之日
  'leaving', // 离开登记居住地
] as const;
export type PolicyEvent = (typeof EVENTS)[number];

/** Duties that carry no period of their own (ledgers, house conditions, tenants' duties). */
export const DUTIES = [
  'keepLedger',
  'urgeRegistration',
  'houseSafe',
  'basicHousingStandard',
  'checkTenantId',
  'reportCrime',
  'tenantShowId',
  'tenantReportOccupantChange',
  'registerAtEvent',
] as const;
export type Duty = (typeof DUTIES)[number];

/** Why a person is staying; some purposes are exempt from the permit. */
export const STAY_PURPOSES = [
  'work',
  'business',
  'study',
  'family',
  'visit',
  'tourism',
  'medical',
  'businessTrip',
  'vacation',
  'other',
] as const;
export type StayPurpose = (typeof STAY_PURPOSES)[number];

/** Yes/no facts about a person that conditions can ask for. */
export const STATUS_FACTS = [
  'stableJob',
  'stableHome',
  'continuousStudy',
  'homeOwned',
  'leaseRegistered',
  'labourContract',
  'businessLicence',
  'taxPaid',
  'financialHardship',
  'inDistress',
] as const;
export type StatusFact = (typeof STATUS_FACTS)[number];

export const PERMIT_STATES = ['none', 'applied', 'valid', 'suspended', 'expired', 'cancelled'] as const;
export type PermitState = (typeof PERMIT_STATES)[number];

export const DOCUMENTS = [
  'citizenId',
  'householdRegister',
  'photo',
  'residenceProof',
  'lease',
  'leaseFilingCertificate',
  'lodgingLetter',
  'propertyCertificate',
  'employmentProof',
  'studyProof',
  'residencePermit',
  'oldPermit',
  'childBirthCertificate',
  'labourContract',
  'businessLicence',
  'taxRecord',
  'socialInsuranceRecord',
  'marriageCertificate',
  'hardshipProof',
  'guardianId',
] as const;
export type PolicyDocument = (typeof DOCUMENTS)[number];

/** Where a person goes to apply. */
export const OFFICES = [
  'policeStation',
  'communityServiceStation',
  'streetOffice',
  'residentsCommittee',
  'educationBureau',
  'school',
  'employmentServiceCentre',
  'socialInsuranceAgency',
  'housingBureau',
  'healthCentre',
  'designatedHospital',
  'civilAffairsBureau',
  'reliefStation',
  'legalAidCentre',
  'mediationCommittee',
  'vehicleAdministration',
  'exitEntryAdministration',
  'marketRegulationBureau',
  'taxBureau',
  'transportOperator',
  'scienceBureau',
  'cultureVenue',
  'sportsTourismBureau',
  'professionalExamAuthority',
] as const;
export type Office = (typeof OFFICES)[number];

/** The areas POLICY.md section 6 groups entitlements into. */
export const ENTITLEMENT_AREAS = [
  'education',
  'socialInsurance',
  'housing',
  'health',
  'employment',
  'legal',
  'civic',
  'transport',
  'certificates',
] as const;
export type EntitlementArea = (typeof ENTITLEMENT_AREAS)[number];

/** What an entitlement is; the title a person reads comes from `policy:services.<code>`. */
export const SERVICES = [
  // education
  'compulsoryEducation',
  'seniorHighAndExams',
  'schoolPlacement',
  'nurseryAndSchoolNearby',
  'freeNutritionMeals',
  'ruralTuitionWaiver',
  'vocationalSchoolAdmission',
  'localEntranceExams',
  // social insurance and housing
  'socialInsurance',
  'housingProvidentFund',
  'publicRentalHousing',
  'housingSecurity',
  'hukouTransfer',
  // health and family planning
  'publicHealthAndFamilyPlanning',
  'familyPlanningServices',
  'familyPlanningEducation',
  'prePregnancyAdvice',
  'contraceptivesAndProcedures',
  'antenatalAndDelivery',
  'childVaccination',
  'infectiousDiseaseControl',
  'maternalAndChildHealth',
  'birthRegistration',
  // employment
  'publicEmploymentServices',
  'jobSeekerServices',
  'vocationalTraining',
  'professionalQualificationExams',
  'professionalTitles',
  'labourDisputeServices',
  'businessRegistration',
  'businessAndTaxRegistration',
  'talentAndPatentSubsidies',
  // legal
  'legalAid',
  'mediationAndLegalAid',
  // civic
  'publicCultureAndSport',
  'communityAffairs',
  'socialOrganisations',
  'voterRegistration',
  'seniorCard',
  'temporaryRelief',
  'sportsAndTourismDiscounts',
  // transport
  'vehicleRegistration',
  'drivingLicence',
  'publicTransportDiscount',
  // certificates
  'exitEntryDocuments',
  'hkMacauBusinessEndorsement',
  'idCardReplacement',
  'livingAndNoCriminalRecordCertificates',
] as const;
export type Service = (typeof SERVICES)[number];

/** Who a fine falls on. */
export const PARTIES = [
  'individual',
  'organisation',
  'landlord',
  'intermediary',
  'employer',
  'marketOperator',
  'anyone',
] as const;
export type Party = (typeof PARTIES)[number];

export const OFFENCES = [
  'notRegistered',
  'lateOrFalseReport',
  'notReported',
  'permitFraud',
] as const;
export type Offence = (typeof OFFENCES)[number];

/** Permit services a fee rule can name. */
export const PERMIT_SERVICES = [
  'firstIssue',
  'renewal',
  'replacement',
  'change',
  'endorsement',
  'extension',
] as const;
export type PermitService = (typeof PERMIT_SERVICES)[number];

/** Who must register their residence, beyond "a migrant who stays". */
export const REGISTRATION_SCOPES = [
  'anotherCity',
  'leftHukouCounty',
  'nonLocalOrCrossCounty',
  'plansToStay',
] as const;
export type RegistrationScope = (typeof REGISTRATION_SCOPES)[number];

export const REGISTRATION_EXCLUSIONS = ['sameCityDistrictMove'] as const;
export type RegistrationExclusion = (typeof REGISTRATION_EXCLUSIONS)[number];
