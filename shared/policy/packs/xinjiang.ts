/**
 * Xinjiang: 新疆维吾尔自治区流动人口服务和管理办法 (in force 2011-10-01). The measures number their
 * provisions as items 1–27, so citations read 第18项, 第19项（1）. Items 7–16 are duties owed to every
 * migrant, not to permit holders, so the entitlements here carry no permit condition. The measures
 * set no permit time limits, validity, endorsement or fees: those are inherited from national.
 */
import type { DutyRule, PolicyPackInput } from '../schema.ts';

const item3 = (quote: string) => ({ source: 'xinjiang', article: '第3项', quote }) as const;
const item7 = (quote: string, part = '') => ({ source: 'xinjiang', article: `第7项${part}`, quote }) as const;
const item8 = (quote: string) => ({ source: 'xinjiang', article: '第8项', quote }) as const;
const item9 = (quote: string) => ({ source: 'xinjiang', article: '第9项', quote }) as const;
const item10 = (quote: string) => ({ source: 'xinjiang', article: '第10项', quote }) as const;
const item11 = (quote: string) => ({ source: 'xinjiang', article: '第11项', quote }) as const;
const item12 = (quote: string) => ({ source: 'xinjiang', article: '第12项', quote }) as const;
const item13 = (quote: string) => ({ source: 'xinjiang', article: '第13项', quote }) as const;
const item14 = (quote: string) => ({ source: 'xinjiang', article: '第14项', quote }) as const;
const item15 = (quote: string, part = '') => ({ source: 'xinjiang', article: `第15项${part}`, quote }) as const;
const item16 = (quote: string) => ({ source: 'xinjiang', article: '第16项', quote }) as const;
const item18 = (quote: string, part = '') => ({ source: 'xinjiang', article: `第18项${part}`, quote }) as const;
const item19 = (quote: string, part = '') => ({ source: 'xinjiang', article: `第19项${part}`, quote }) as const;
const item20 = (quote: string, part: string) => ({ source: 'xinjiang', article: `第20项${part}`, quote }) as const;
const item21 = (quote: string, part: string) => ({ source: 'xinjiang', article: `第21项${part}`, quote }) as const;
const item22 = (quote: string, part: string) => ({ source: 'xinjiang', article: `第22项${part}`, quote }) as const;
const item23 = (quote: string) => ({ source: 'xinjiang', article: '第23项第二款', quote }) as const;
const item24 = (quote: string) => ({ source: 'xinjiang', article: '第24项', quote }) as const;
const item26 = (quote: string) => ({ source: 'xinjiang', article: '第26项', quote }) as const;

/** Item 19: whoever registers a migrant (landlord, employer, school, relief station) reports within 3 working days. */
const reportWithin3WorkingDays = item19('并于登记后3个工作日内,将登记信息报送当地公安机关或者城市社区管理机构、村民委员会');
/** Item 24 puts the same duty to urge registration on employers, landlords and agencies. */
const urgeRegistration: DutyRule = {
  duties: ['urgeRegistration'],
  citation: item24(
    '招录、聘用流动人口的单位和个人,房屋出租人,从事房屋租赁及流动人口务工中介服务的机构,应当督促、协助流动人口及时申报居住登记,申领居住证。',
  ),
};
const documents = item18('应当持本人身份证或者其他有效身份证明及住所证明');
const permitScope = item23('年满16周岁以上的流动人口拟在现居住地居住30日以上的,应当在申报居住登记的同时申领居住证');
const fineAmounts = item26('逾期不改正的,对个人处50元以上200以下罚款,对单位处500元以上1000元以下罚款');

export const xinjiang: PolicyPackInput = {
  id: 'xinjiang',
  extends: 'national',
  divisionPrefixes: ['65'],
  sources: ['xinjiang'],
  registration: {
    who: {
      scope: 'leftHukouCounty',
      excludes: ['sameCityDistrictMove'],
      citation: item3('是指离开户籍所在地县级行政区域到其他行政区域居住的人员。但是,离开市辖区到本市其他市辖区居住的人员除外。'),
    },
    deadline: {
      kind: 'after',
      within: { amount: 3, unit: 'workingDays' },
      from: 'arrival',
      citation: item18('流动人口到达现居住地之日起3个工作日内'),
    },
    // A move is registered "as in the preceding paragraph", i.e. within 3 working days.
    changeDeadline: {
      kind: 'after',
      within: { amount: 3, unit: 'workingDays' },
      from: 'detailsChanged',
      citation: item18('流动人口变更居住地的,按照前款规定办理居住变更登记。', '第二款'),
    },
    documents: { items: ['citizenId', 'residenceProof'], citation: documents },
  },
  landlord: {
    registerWithin: {
      kind: 'at',
      event: 'moveIn',
      citation: item19('租住房屋的,由房屋出租人在流动人口入住时进行登记', '（1）'),
    },
    reportMoveIn: {
      kind: 'after',
      within: { amount: 3, unit: 'workingDays' },
      from: 'thirdPartyRegistration',
      citation: reportWithin3WorkingDays,
    },
    duties: [
      { duties: ['houseSafe', 'basicHousingStandard'], citation: item20('出租房屋无安全隐患,满足基本住房标准', '（1）') },
      { duties: ['checkTenantId'], citation: item20('不得将房屋出租给无合法有效身份证件的流动人口', '（3）') },
      {
        duties: ['reportCrime'],
        citation: item20(
          '发现流动人口利用出租房屋进行违法犯罪活动,或者带领不明身份人员居住的,及时报告公安派出所或者有关部门',
          '（4）',
        ),
      },
      urgeRegistration,
    ],
  },
  tenant: {
    duties: [
      { duties: ['tenantShowId'], citation: item21('出示本人及其他入住人员合法有效身份证件,如实填写相关信息', '（1）') },
      {
        duties: ['tenantReportOccupantChange'],
        citation: item21('入住人员发生变更的,及时告知房屋出租人', '（2）'),
      },
    ],
  },
  // Only employers that also house the worker register and report (item 19 (2)).
  employer: {
    registerWithin: {
      kind: 'at',
      event: 'hire',
      citation: item19('就业并由用人单位提供住所的,由用人单位在流动人口受聘时进行登记', '（2）'),
    },
    reportHire: {
      kind: 'after',
      within: { amount: 3, unit: 'workingDays' },
      from: 'thirdPartyRegistration',
      citation: reportWithin3WorkingDays,
    },
    duties: [urgeRegistration],
  },
  agency: {
    duties: [{ duties: ['keepLedger'], citation: item22('建立房屋租赁、务工介绍登记台账', '（1）') }, urgeRegistration],
  },
  // Schools with boarders and relief stations (item 19 (3)(4)) report like any other registering party.
  institution: {
    reportRegistration: {
      kind: 'after',
      within: { amount: 3, unit: 'workingDays' },
      from: 'institutionRegistration',
      citation: reportWithin3WorkingDays,
    },
  },
  permit: {
    withRegistration: { citation: item23('应当在申报居住登记的同时申领居住证') },
    eligibility: {
      conditions: [
        { condition: { kind: 'age', atLeast: 16 }, citation: permitScope },
        { condition: { kind: 'plannedStay', atLeast: { amount: 30, unit: 'days' } }, citation: permitScope },
      ],
      // Visitors, tourists, patients and business travellers are exempt from the duty, not barred.
      voluntary: [
        {
          condition: { kind: 'purposeIn', purposes: ['visit', 'tourism', 'medical', 'businessTrip'] },
          citation: item23('探亲、旅游、就医、出差等人员除外'),
        },
      ],
    },
    documents: { items: ['citizenId', 'residenceProof'], citation: documents },
  },
  // Item 26: the county police first order a correction; the fine follows only if it is not made in time.
  fines: [
    { party: 'individual', offence: 'notRegistered', amount: { min: 50, max: 200 }, afterOrderToCorrect: true, citation: fineAmounts },
    { party: 'individual', offence: 'notReported', amount: { min: 50, max: 200 }, afterOrderToCorrect: true, citation: fineAmounts },
    { party: 'organisation', offence: 'notReported', amount: { min: 500, max: 1000 }, afterOrderToCorrect: true, citation: fineAmounts },
  ],
  entitlements: [
    {
      id: 'public-employment-services',
      area: 'employment',
      service: 'publicEmploymentServices',
      // 「在法定劳动年龄内具有劳动能力和有就业愿望」 names no age, so no age bound is set.
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId'] },
      citation: item7('免费提供就业政策法规咨询、就业信息、职业指导和就业登记等服务'),
    },
    {
      id: 'professional-qualification-exams',
      area: 'employment',
      service: 'professionalQualificationExams',
      conditions: [],
      apply: { where: 'professionalExamAuthority', bring: ['citizenId', 'residenceProof'] },
      citation: item7('可以在现居住地参加专业技术职务任职资格考试、职业(执业)资格考试或者鉴定', '第二款'),
    },
    {
      id: 'vocational-training',
      area: 'employment',
      service: 'vocationalTraining',
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId'] },
      citation: item7('享受职业培训和职业鉴定补贴', '第二款'),
    },
    {
      id: 'labour-dispute-services',
      area: 'employment',
      service: 'labourDisputeServices',
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId', 'labourContract'] },
      citation: item8('依法处理用人单位与流动人口的劳动争议'),
    },
    {
      id: 'family-planning-services',
      area: 'health',
      service: 'familyPlanningServices',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: item9('为育龄流动人口提供与常住人口同等待遇的计划生'),
    },
    {
      id: 'child-vaccination',
      area: 'health',
      service: 'childVaccination',
      conditions: [{ kind: 'child' }],
      apply: { where: 'healthCentre', bring: ['citizenId', 'childBirthCertificate'] },
      citation: item10('向流动人口提供与常住人口同等待遇的预防接种和传染病防治服务'),
    },
    {
      id: 'infectious-disease-control',
      area: 'health',
      service: 'infectiousDiseaseControl',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: item10('向流动人口提供与常住人口同等待遇的预防接种和传染病防治服务'),
    },
    {
      id: 'temporary-relief',
      area: 'civic',
      service: 'temporaryRelief',
      conditions: [{ kind: 'fact', fact: 'inDistress' }],
      apply: { where: 'reliefStation', bring: ['citizenId'] },
      citation: item11('为生活无着落的流动人口提供临时救助服务'),
    },
    {
      id: 'public-rental-housing',
      area: 'housing',
      service: 'publicRentalHousing',
      // Item 12 puts migrants into the housing plans but sets no qualifying terms: the office decides.
      conditions: [{ kind: 'decidedByOffice' }],
      apply: { where: 'housingBureau', bring: ['citizenId', 'residenceProof'] },
      citation: item12('应当将流动人口基本住房保障纳入保障性住房建设规划,根据经济社会发展实际,完善相关政策,开展公共租赁住房等保障性住房建设'),
    },
    {
      id: 'compulsory-education',
      area: 'education',
      service: 'compulsoryEducation',
      conditions: [{ kind: 'child' }],
      apply: {
        where: 'educationBureau',
        bring: ['citizenId', 'householdRegister', 'childBirthCertificate', 'residenceProof'],
      },
      citation: item13('保障流动人口享有与常住人口平等接受义务教育的权利'),
    },
    {
      id: 'business-registration',
      area: 'employment',
      service: 'businessRegistration',
      conditions: [],
      apply: { where: 'marketRegulationBureau', bring: ['citizenId', 'residenceProof'] },
      citation: item14('应当为流动人口从事生产经营活动办理注册登记'),
    },
    {
      id: 'dispute-mediation',
      area: 'legal',
      service: 'mediationAndLegalAid',
      conditions: [],
      apply: { where: 'mediationCommittee', bring: ['citizenId'] },
      citation: item15('组织开展流动人口法制宣传教育和纠纷调解工作'),
    },
    {
      id: 'legal-aid',
      area: 'legal',
      service: 'legalAid',
      conditions: [{ kind: 'fact', fact: 'financialHardship' }],
      apply: { where: 'legalAidCentre', bring: ['citizenId', 'hardshipProof'] },
      citation: item15('法律援助机构应当依法及时为经济困难的流动人口提供法律援助。', '第二款'),
    },
    {
      id: 'social-insurance',
      area: 'socialInsurance',
      service: 'socialInsurance',
      // The employer enrols the worker (item 16); the item sets no further condition.
      conditions: [],
      apply: { where: 'socialInsuranceAgency', bring: ['citizenId', 'labourContract'] },
      citation: item16('应当与招录、聘用的流动人口签订劳动合同,按时足额支付劳动报酬,依法办理社会保险'),
    },
  ],
};
