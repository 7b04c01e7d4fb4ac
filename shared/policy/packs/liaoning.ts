/**
 * Liaoning: 辽宁省实有人口服务管理办法 (辽宁省人民政府令第281号, in force 2013-04-01). Registration and the
 * 居住证 go together here: everyone staying a month or more registers within 7 days and applies for
 * the permit at the same time. What the order does not set (endorsement, issue time limits) is
 * inherited from the national pack.
 */
import type { PolicyPackInput } from '../schema.ts';

const art10 = (quote: string) => ({ source: 'liaoning', article: '第十条', quote }) as const;
const art10p2 = (quote: string) => ({ source: 'liaoning', article: '第十条第二款', quote }) as const;
const art12 = (quote: string) => ({ source: 'liaoning', article: '第十二条', quote }) as const;
const art13 = (quote: string) => ({ source: 'liaoning', article: '第十三条', quote }) as const;
const art14 = (quote: string) => ({ source: 'liaoning', article: '第十四条', quote }) as const;
const art18 = (item: string, quote: string) => ({ source: 'liaoning', article: `第十八条${item}`, quote }) as const;
const art19 = (item: string, quote: string) => ({ source: 'liaoning', article: `第十九条${item}`, quote }) as const;
const art21 = (quote: string) => ({ source: 'liaoning', article: '第二十一条', quote }) as const;
const art22 = (quote: string) => ({ source: 'liaoning', article: '第二十二条', quote }) as const;

/** Art.10: the stay that brings a migrant under both registration and the permit. */
const stayOverOneMonth = art10('流动人口拟在我省居住1个月以上的');

/** Art.14 gives landlords, employers and agencies one and the same reporting period. */
const reportWithinSevenDays = {
  kind: 'after',
  within: { amount: 7, unit: 'days' },
  from: 'thirdPartyRegistration',
  citation: art14('应当登记相关人员的实有人口基础信息,并自登记之日起7日内,将信息报送所在地公安派出所。'),
} as const;

/** Art.22 sets one fine for every party that lies, conceals or reports late. */
const art22Fine = art22(
  '逾期不改正的,每谎报、瞒报一人由县公安机关处200元以上500元以下罚款,并作为企业或者个人不良信用行为,记入企业或者个人信用档案。',
);
const lateOrFalseReport = (party: 'employer' | 'intermediary' | 'landlord' | 'organisation') =>
  ({
    party,
    offence: 'lateOrFalseReport',
    amount: { min: 200, max: 500 },
    perPerson: true,
    afterOrderToCorrect: true,
    creditRecord: true,
    citation: art22Fine,
  }) as const;

/** Art.18 rights are exercised "凭本人《居住证》". */
const holdsPermit = { kind: 'permit' } as const;

export const liaoning: PolicyPackInput = {
  id: 'liaoning',
  extends: 'national',
  divisionPrefixes: ['21'],
  sources: ['liaoning'],
  registration: {
    who: { scope: 'plansToStay', minimumStay: { amount: 1, unit: 'months' }, citation: stayOverOneMonth },
    deadline: {
      kind: 'after',
      within: { amount: 7, unit: 'days' },
      from: 'arrival',
      citation: art10('应当在到达我省居住地之日起7日内'),
    },
    changeDeadline: {
      kind: 'after',
      within: { amount: 7, unit: 'days' },
      from: 'detailsChanged',
      citation: art13('《居住证》登记内容发生变更的,应当自变更之日起7日内持本人有效身份证明'),
    },
    documents: { items: ['citizenId'], citation: art10('持居民身份证或者其他有效身份证明') },
  },
  landlord: { reportMoveIn: reportWithinSevenDays },
  employer: { reportHire: reportWithinSevenDays },
  agency: { reportPlacement: reportWithinSevenDays },
  permit: {
    // Replaces the national half-year rule: registering for a month or more is enough.
    eligibility: {
      conditions: [
        { condition: { kind: 'plannedStay', atLeast: { amount: 1, unit: 'months' } }, citation: stayOverOneMonth },
      ],
      voluntary: [
        {
          condition: { kind: 'fact', fact: 'continuousStudy' },
          citation: art10p2('就学、未满16周岁的人员不需办理《居住证》,但本人自愿申请办理的除外。'),
        },
        {
          condition: { kind: 'age', below: 16 },
          citation: art10p2('就学、未满16周岁的人员不需办理《居住证》,但本人自愿申请办理的除外。'),
        },
      ],
    },
    withRegistration: { citation: art10('申报流动人口居住登记,并申领《居住证》') },
    documents: {
      items: ['citizenId', 'lease', 'residenceProof'],
      citation: art12('应当提供合法有效的身份证件、房屋租赁协议或者有关居住证明等材料'),
    },
    validity: {
      choices: [
        { amount: 1, unit: 'years' },
        { amount: 2, unit: 'years' },
        { amount: 3, unit: 'years' },
      ],
      citation: art13('《居住证》有效期分为1年、2年和3年,由流动人口自愿选择有效期限。'),
    },
    renewBefore: {
      kind: 'before',
      atLeast: { amount: 30, unit: 'days' },
      event: 'expiry',
      citation: art13('《居住证》有效期满需要延期的,持证人应当在有效期满30日前到居住地公安派出所申请延期。'),
    },
    fees: [
      {
        services: ['firstIssue', 'change', 'extension', 'replacement', 'renewal'],
        charge: 'free',
        citation: art13('《居住证》申领、变更登记和延期、补领、换领免费。'),
      },
    ],
  },
  fines: [
    {
      // Individuals are not fined: the sanction is a bad credit record once the order is ignored.
      party: 'individual',
      offence: 'notRegistered',
      afterOrderToCorrect: true,
      creditRecord: true,
      citation: art21('由所在地公安派出所责令其改正,限期补登补领;逾期仍不补登补领的,作为个人不良信用行为,记入个人信用档案。'),
    },
    lateOrFalseReport('employer'),
    lateOrFalseReport('intermediary'),
    lateOrFalseReport('landlord'),
    // Hotels, hospitals, schools, training bodies and relief stations.
    lateOrFalseReport('organisation'),
  ],
  entitlements: [
    {
      id: 'social-insurance',
      area: 'socialInsurance',
      service: 'socialInsurance',
      conditions: [holdsPermit],
      apply: { where: 'socialInsuranceAgency', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（一）', '(一)依法参加社会保险,享受相关社会保障待遇;'),
    },
    {
      id: 'public-rental-housing',
      area: 'housing',
      service: 'publicRentalHousing',
      // 「按规定」: the housing criteria beyond the permit are the city's, not the order's.
      conditions: [holdsPermit, { kind: 'decidedByOffice' }],
      apply: { where: 'housingBureau', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（二）', '(二)按规定申请政府公租房;'),
    },
    {
      id: 'driving-licence',
      area: 'transport',
      service: 'drivingLicence',
      conditions: [holdsPermit],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art18('（三）', '(三)申领机动车驾驶证,办理机动车和非机动车登记;'),
    },
    {
      id: 'vehicle-registration',
      area: 'transport',
      service: 'vehicleRegistration',
      conditions: [holdsPermit],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（三）', '(三)申领机动车驾驶证,办理机动车和非机动车登记;'),
    },
    {
      id: 'hk-macau-business-endorsement',
      area: 'certificates',
      service: 'hkMacauBusinessEndorsement',
      conditions: [holdsPermit],
      apply: { where: 'exitEntryAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art18('（四）', '(四)办理港、澳商务签证、边境通行证件;'),
    },
    {
      id: 'business-and-tax-registration',
      area: 'employment',
      service: 'businessAndTaxRegistration',
      conditions: [holdsPermit],
      apply: { where: 'marketRegulationBureau', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（五）', '(五)办理工商登记、税务登记;'),
    },
    {
      id: 'professional-titles',
      area: 'employment',
      service: 'professionalTitles',
      conditions: [holdsPermit],
      apply: { where: 'professionalExamAuthority', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（六）', '(六)按规定参加居住地专业技术职务的任职资格登记;'),
    },
    {
      id: 'compulsory-education',
      area: 'education',
      service: 'compulsoryEducation',
      conditions: [holdsPermit, { kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['residencePermit', 'householdRegister', 'childBirthCertificate'] },
      citation: art18('（七）', '(七)与其共同居住的子女按规定参加我省义务教育、高中阶段教育和中考、高考;'),
    },
    {
      id: 'senior-high-and-exams',
      area: 'education',
      service: 'seniorHighAndExams',
      conditions: [holdsPermit, { kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['residencePermit', 'householdRegister', 'studyProof'] },
      citation: art18('（七）', '(七)与其共同居住的子女按规定参加我省义务教育、高中阶段教育和中考、高考;'),
    },
    {
      id: 'community-affairs',
      area: 'civic',
      service: 'communityAffairs',
      conditions: [holdsPermit],
      apply: { where: 'residentsCommittee', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（八）', '(八)依法参加居住地社区组织和有关社会事务管理;'),
    },
    {
      id: 'legal-aid',
      area: 'legal',
      service: 'mediationAndLegalAid',
      conditions: [holdsPermit],
      apply: { where: 'legalAidCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（九）', '(九)依法要求有关部门调处纠纷,提供法律援助;'),
    },
    {
      id: 'living-and-no-criminal-record-certificates',
      area: 'certificates',
      service: 'livingAndNoCriminalRecordCertificates',
      conditions: [holdsPermit],
      apply: { where: 'policeStation', bring: ['residencePermit', 'citizenId'] },
      citation: art18('（十）', '(十)申请开具生存证明、有无犯罪记录证明;'),
    },
    // Art.19 health services are owed to every 流动人口, permit or not.
    {
      id: 'family-planning-education',
      area: 'health',
      service: 'familyPlanningEducation',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art19('（一）', '(一)免费参加有关人口与计划生育法律知识和生殖健康知识普及活动;'),
    },
    {
      id: 'pre-pregnancy-advice',
      area: 'health',
      service: 'prePregnancyAdvice',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art19('（二）', '(二)免费接受孕前优生咨询和婴幼儿早期启蒙教育咨询指导;'),
    },
    {
      id: 'contraceptives-and-procedures',
      area: 'health',
      service: 'contraceptivesAndProcedures',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art19(
        '（三）',
        '(三)按照国家、省和市有关规定免费获得避孕药具,接受避孕节育检查和手术、终止妊娠手术以及计划生育手术并发症诊治等计划生育技术服务;',
      ),
    },
    {
      id: 'antenatal-and-delivery',
      area: 'health',
      service: 'antenatalAndDelivery',
      conditions: [],
      apply: { where: 'designatedHospital', bring: ['citizenId'] },
      citation: art19('（四）', '(四)在指定医疗机构接受实行限价收费的产前检查、住院分娩服务;'),
    },
    {
      id: 'child-vaccination',
      area: 'health',
      service: 'childVaccination',
      conditions: [{ kind: 'child' }],
      apply: { where: 'healthCentre', bring: ['citizenId', 'childBirthCertificate'] },
      citation: art19('（五）', '(五)与其共同居住的未成年子女接受儿童预防接种、计划免疫等服务;'),
    },
    {
      id: 'infectious-disease-control',
      area: 'health',
      service: 'infectiousDiseaseControl',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art19('（六）', '(六)传染病防治;'),
    },
  ],
};
