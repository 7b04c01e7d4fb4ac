/**
 * Ningxia: 宁夏回族自治区流动人口服务管理办法 (宁夏回族自治区人民政府令第49号, in force 2013-03-01).
 * Registration "within the legal time limit" and the 居住证 follow national rules (Art.7), so this
 * pack sets no registration deadline and nothing under the permit. What it adds: third-party
 * reports within 3 working days, fines for missing them, and services owed to every 流动人口
 * whether or not they hold a permit.
 */
import type { PolicyPackInput } from '../schema.ts';

const art3 = (quote: string) => ({ source: 'ningxia', article: '第三条', quote }) as const;
const art7 = (quote: string) => ({ source: 'ningxia', article: '第七条', quote }) as const;
const art12 = (quote: string) => ({ source: 'ningxia', article: '第十二条', quote }) as const;
const art12p2 = (quote: string) => ({ source: 'ningxia', article: '第十二条第二款', quote }) as const;
const art13 = (quote: string) => ({ source: 'ningxia', article: '第十三条', quote }) as const;
const art14 = (quote: string) => ({ source: 'ningxia', article: '第十四条', quote }) as const;
const art15 = (quote: string) => ({ source: 'ningxia', article: '第十五条', quote }) as const;
const art25p2 = (quote: string) => ({ source: 'ningxia', article: '第二十五条第二款', quote }) as const;
const art26 = (item: string, quote: string) => ({ source: 'ningxia', article: `第二十六条${item}`, quote }) as const;
const art28 = (item: string, quote: string) => ({ source: 'ningxia', article: `第二十八条${item}`, quote }) as const;
const art29 = (item: string, quote: string) => ({ source: 'ningxia', article: `第二十九条${item}`, quote }) as const;
const art30 = (item: string, quote: string) => ({ source: 'ningxia', article: `第三十条${item}`, quote }) as const;
const art31 = (item: string, quote: string) => ({ source: 'ningxia', article: `第三十一条${item}`, quote }) as const;
const art32 = (quote: string) => ({ source: 'ningxia', article: '第三十二条', quote }) as const;
const art33p2 = (quote: string) => ({ source: 'ningxia', article: '第三十三条第二款', quote }) as const;
const art34 = (quote: string) => ({ source: 'ningxia', article: '第三十四条', quote }) as const;
const art35 = (quote: string) => ({ source: 'ningxia', article: '第三十五条', quote }) as const;
const art43 = (quote: string) => ({ source: 'ningxia', article: '第四十三条', quote }) as const;
const art44 = (quote: string) => ({ source: 'ningxia', article: '第四十四条', quote }) as const;
const art45 = (quote: string) => ({ source: 'ningxia', article: '第四十五条', quote }) as const;
const art46 = (quote: string) => ({ source: 'ningxia', article: '第四十六条', quote }) as const;

const threeWorkingDays = { amount: 3, unit: 'workingDays' } as const;

export const ningxia: PolicyPackInput = {
  id: 'ningxia',
  extends: 'national',
  divisionPrefixes: ['64'],
  sources: ['ningxia'],
  registration: {
    who: {
      scope: 'nonLocalOrCrossCounty',
      excludes: ['sameCityDistrictMove'],
      citation: art3(
        '本办法所称流动人口,是指在本自治区居住的非本自治区户籍人员以及具有本自治区户籍跨县(市、区)异地居住的人员。但是,离开户籍所在地的市辖区到本市其他市辖区居住的人员除外。',
      ),
    },
    documents: { items: ['citizenId'], citation: art7('持本人身份证或者其他有效身份证明') },
  },
  landlord: {
    reportMoveIn: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'leaseStart',
      citation: art13(
        '房屋出租人应当自房屋出租之日起3个工作日内,将承租房屋的流动人口信息及出租房屋信息报送流动人口综合服务站(点)或者公安派出所',
      ),
    },
    reportMoveOut: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'leaseEnd',
      citation: art13('应当自终止租赁关系之日起3个工作日内,将相关人员名单报送流动人口综合服务站(点)或者公安派出所。'),
    },
    duties: [{ duties: ['urgeRegistration'], citation: art13('出租房屋信息报送流动人口综合服务站(点)或者公安派出所,并督促流动人口申报居住登记。') }],
  },
  employer: {
    reportHire: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'hire',
      citation: art12('用人单位应当自招用流动人口之日起3个工作日内,将招用的流动人口信息报送流动人口综合服务站(点)或者公安派出所。'),
    },
    reportTermination: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'termination',
      citation: art12p2('应当自终止劳动关系之日起3个工作日内,将相关人员名单报送流动人口综合服务站(点)或者公安派出所。'),
    },
  },
  agency: {
    reportPlacement: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'placement',
      citation: art14(
        '从事房屋租赁的中介机构和从事职业介绍的中介机构,应当自介绍成功之日起3个工作日内,将房屋出租人、承租房屋的流动人口或者雇主、受雇流动人口的信息报送',
      ),
    },
    duties: [{ duties: ['urgeRegistration'], citation: art14('受雇流动人口的信息报送流动人口综合服务站(点)或者公安派出所,并督促流动人口申报居住登记。') }],
  },
  market: {
    reportArrival: {
      kind: 'after',
      within: threeWorkingDays,
      from: 'siteArrival',
      citation: art15('集贸市场、商品批发市场等市场开办者,应当自流动人口入住之日起3个工作日内,将流动人口基本情况报送'),
    },
    duties: [{ duties: ['urgeRegistration'], citation: art15('将流动人口基本情况报送流动人口综合服务站(点)或者公安派出所,并督促流动人口申报居住登记。') }],
  },
  // Each fine follows a warning and an order to correct within a set time (Art.43–46).
  fines: [
    {
      party: 'employer',
      offence: 'notReported',
      amount: { min: 500, max: 1000 },
      serious: { min: 1000, max: 5000 },
      afterOrderToCorrect: true,
      citation: art43('逾期未改正的,处500元以上1000元以下罚款;情节严重的,处1000元以上5000元以下罚款。'),
    },
    {
      party: 'landlord',
      offence: 'notReported',
      amount: { min: 200, max: 1000 },
      serious: { min: 1000, max: 2000 },
      afterOrderToCorrect: true,
      citation: art44('逾期未改正的,处200元以上1000元以下罚款;情节严重的,处1000元以上2000元以下罚款。'),
    },
    {
      party: 'intermediary',
      offence: 'notReported',
      amount: { min: 200, max: 500 },
      serious: { min: 500, max: 2000 },
      afterOrderToCorrect: true,
      citation: art45('逾期未改正的,处200元以上500元以下罚款;情节严重的,处500元以上2000元以下罚款。'),
    },
    {
      party: 'marketOperator',
      offence: 'notReported',
      amount: { min: 200, max: 500 },
      serious: { min: 500, max: 2000 },
      afterOrderToCorrect: true,
      citation: art46('逾期未改正的,处200元以上500元以下罚款;情节严重的,处500元以上2000元以下罚款。'),
    },
  ],
  // Art.25–35 bind the departments to serve 流动人口; none of them asks for a permit.
  entitlements: [
    {
      id: 'public-rental-housing',
      area: 'housing',
      service: 'publicRentalHousing',
      // 「一定年限」: the years of residence are left to the city, so the office decides.
      conditions: [{ kind: 'fact', fact: 'stableJob' }, { kind: 'decidedByOffice' }],
      apply: { where: 'housingBureau', bring: ['citizenId', 'employmentProof', 'residenceProof'] },
      citation: art25p2('应当将有稳定职业并在城市居住一定年限的流动人口纳入公共租赁住房保障范围'),
    },
    {
      id: 'vocational-training',
      area: 'employment',
      service: 'vocationalTraining',
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId'] },
      citation: art26('（一）', '(一)有计划地开展专项培训、职业技能培训和创业培训;'),
    },
    {
      id: 'social-insurance',
      area: 'socialInsurance',
      service: 'socialInsurance',
      conditions: [],
      apply: { where: 'socialInsuranceAgency', bring: ['citizenId', 'labourContract'] },
      citation: art26('（二）', '(二)推进流动人口参加社会保险,提高参保率;'),
    },
    {
      id: 'labour-dispute-services',
      area: 'employment',
      service: 'labourDisputeServices',
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId', 'labourContract'] },
      citation: art26('（四）', '(四)及时提供劳动争议法律服务;'),
    },
    {
      id: 'public-employment-services',
      area: 'employment',
      service: 'publicEmploymentServices',
      conditions: [],
      apply: { where: 'employmentServiceCentre', bring: ['citizenId'] },
      citation: art26('（五）', '(五)及时提供有效就业信息;'),
    },
    {
      id: 'professional-qualification-exams',
      area: 'employment',
      service: 'professionalQualificationExams',
      conditions: [],
      apply: { where: 'professionalExamAuthority', bring: ['citizenId'] },
      citation: art26('（六）', '(六)受理流动人口专业技术职务任职资格评审及考试、职业(执业)资格考试或者鉴定申请;'),
    },
    {
      // The same item covers 专业技术职务任职资格评审 (professional titles).
      id: 'professional-titles',
      area: 'employment',
      service: 'professionalTitles',
      conditions: [],
      apply: { where: 'professionalExamAuthority', bring: ['citizenId'] },
      citation: art26('（六）', '(六)受理流动人口专业技术职务任职资格评审及考试、职业(执业)资格考试或者鉴定申请;'),
    },
    {
      id: 'maternal-and-child-health',
      area: 'health',
      service: 'maternalAndChildHealth',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art28('（二）', '(二)提供妇幼保健;'),
    },
    {
      id: 'child-vaccination',
      area: 'health',
      service: 'childVaccination',
      conditions: [{ kind: 'child' }],
      apply: { where: 'healthCentre', bring: ['citizenId', 'childBirthCertificate'] },
      citation: art28('（三）', '(三)提供与常住人口同等的预防接种和传染病防治服务,开展流行病监测;'),
    },
    {
      id: 'infectious-disease-control',
      area: 'health',
      service: 'infectiousDiseaseControl',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art28('（三）', '(三)提供与常住人口同等的预防接种和传染病防治服务,开展流行病监测;'),
    },
    {
      id: 'public-culture-sport',
      area: 'civic',
      service: 'publicCultureAndSport',
      conditions: [],
      apply: { where: 'cultureVenue', bring: ['citizenId'] },
      citation: art29('（一）', '(一)免费向城市居民开放的公共文化场所向流动人口开放;'),
    },
    {
      id: 'nursery-and-school-nearby',
      area: 'education',
      service: 'nurseryAndSchoolNearby',
      conditions: [{ kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['citizenId', 'householdRegister', 'childBirthCertificate'] },
      citation: art30('（一）', '(一)就近安排流动人口子女入园、入学;'),
    },
    {
      id: 'free-nutrition-meals',
      area: 'education',
      service: 'freeNutritionMeals',
      // Only at rural compulsory schools in the nutrition-plan pilot counties, which the office knows.
      conditions: [{ kind: 'child' }, { kind: 'decidedByOffice' }],
      apply: { where: 'school', bring: ['studyProof'] },
      citation: art30(
        '（二）',
        '(二)向在农村义务教育学生营养改善计划试点县的农村义务教育学校就读的流动人口子女提供免费营养餐;',
      ),
    },
    {
      id: 'rural-tuition-waiver',
      area: 'education',
      service: 'ruralTuitionWaiver',
      // Only for children at rural primary and secondary schools.
      conditions: [{ kind: 'child' }, { kind: 'decidedByOffice' }],
      apply: { where: 'school', bring: ['studyProof'] },
      citation: art30('（三）', '(三)流动人口子女在本地区农村中小学校就读的,免学杂费;'),
    },
    {
      id: 'vocational-school-admission',
      area: 'education',
      service: 'vocationalSchoolAdmission',
      conditions: [{ kind: 'child' }],
      apply: { where: 'school', bring: ['citizenId', 'householdRegister'] },
      citation: art30('（四）', '(四)招收流动人口子女就读职业学校;'),
    },
    {
      id: 'local-entrance-exams',
      area: 'education',
      service: 'localEntranceExams',
      conditions: [{ kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['citizenId', 'householdRegister', 'studyProof'] },
      citation: art30(
        '（五）',
        '(五)根据国家和自治区有关规定,安排流动人口子女就地参加中考,安排符合报考条件的流动人口子女就地参加高考;',
      ),
    },
    {
      id: 'temporary-relief',
      area: 'civic',
      service: 'temporaryRelief',
      conditions: [{ kind: 'fact', fact: 'inDistress' }],
      // People in distress often have no papers; relief stations take them without any.
      apply: { where: 'reliefStation', bring: [] },
      citation: art31('（一）', '(一)帮助流动人口中的流浪乞讨人员解决突发性、临时性生活困难;'),
    },
    {
      id: 'senior-card',
      area: 'civic',
      service: 'seniorCard',
      // 「符合条件的」: the age and other criteria are civil affairs', not the order's.
      conditions: [{ kind: 'decidedByOffice' }],
      apply: { where: 'civilAffairsBureau', bring: ['citizenId', 'photo'] },
      citation: art31('（二）', '(二)向符合条件的老年流动人口颁发老年证并享受相关待遇;'),
    },
    {
      id: 'voter-registration',
      area: 'civic',
      service: 'voterRegistration',
      conditions: [{ kind: 'residence', atLeast: { amount: 1, unit: 'years' } }],
      apply: { where: 'residentsCommittee', bring: ['citizenId', 'residenceProof'] },
      citation: art31('（三）', '(三)将居住一年以上的流动人口纳入村(居)委员会选举选民登记的范围;'),
    },
    {
      id: 'family-planning-services',
      area: 'health',
      service: 'familyPlanningServices',
      conditions: [],
      apply: { where: 'healthCentre', bring: ['citizenId'] },
      citation: art32('免费提供相关检查,为育龄流动人口提供与常住人口同等的计划生育服务。'),
    },
    {
      id: 'legal-aid',
      area: 'legal',
      service: 'legalAid',
      conditions: [{ kind: 'fact', fact: 'financialHardship' }],
      apply: { where: 'legalAidCentre', bring: ['citizenId', 'hardshipProof'] },
      citation: art33p2('法律援助机构应当依法及时为经济困难的流动人口提供法律援助。'),
    },
    {
      id: 'business-registration',
      area: 'employment',
      service: 'businessRegistration',
      conditions: [],
      apply: { where: 'marketRegulationBureau', bring: ['citizenId'] },
      citation: art34('工商行政管理部门应当为流动人口从事生产经营活动办理注册登记'),
    },
    {
      id: 'sports-and-tourism-discounts',
      area: 'civic',
      service: 'sportsAndTourismDiscounts',
      conditions: [],
      apply: { where: 'sportsTourismBureau', bring: ['citizenId'] },
      citation: art35('应当组织流动人口参加,并给予流动人口与户籍人口同等的相关优惠待遇。'),
    },
  ],
};
