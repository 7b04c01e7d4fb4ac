/**
 * Datong: 大同市流动人口服务管理办法 (同政发〔2014〕5号). Stays of 10 days or more are registered; a
 * stay of 30 days or more at age 16 or over also needs the 山西省流动人口居住证. Arts. 44–45 list what a
 * permit holder gets, so every entitlement here is conditional on the permit. The fines articles
 * order a correction and fine in the same decision, so no fine waits for a missed order.
 */
import type { DutyRule, PolicyPackInput } from '../schema.ts';

const art9 = (quote: string) => ({ source: 'datong', article: '第九条', quote }) as const;
const art12 = (quote: string) => ({ source: 'datong', article: '第十二条', quote }) as const;
const art13 = (quote: string) => ({ source: 'datong', article: '第十三条', quote }) as const;
const art14 = (quote: string) => ({ source: 'datong', article: '第十四条', quote }) as const;
const art15 = (quote: string) => ({ source: 'datong', article: '第十五条', quote }) as const;
const art16 = (quote: string) => ({ source: 'datong', article: '第十六条', quote }) as const;
const art17 = (quote: string, part = '') => ({ source: 'datong', article: `第十七条${part}`, quote }) as const;
const art18 = (quote: string) => ({ source: 'datong', article: '第十八条', quote }) as const;
const art19 = (quote: string) => ({ source: 'datong', article: '第十九条', quote }) as const;
const art20 = (quote: string) => ({ source: 'datong', article: '第二十条', quote }) as const;
const art21 = (quote: string, part: string) => ({ source: 'datong', article: `第二十一条${part}`, quote }) as const;
const art22 = (quote: string) => ({ source: 'datong', article: '第二十二条', quote }) as const;
const art44 = (quote: string, part: string) => ({ source: 'datong', article: `第四十四条${part}`, quote }) as const;
const art45 = (quote: string, part: string) => ({ source: 'datong', article: `第四十五条${part}`, quote }) as const;
const art49 = (quote: string) => ({ source: 'datong', article: '第四十九条', quote }) as const;
const art50 = (quote: string) => ({ source: 'datong', article: '第五十条', quote }) as const;
const art51 = (quote: string) => ({ source: 'datong', article: '第五十一条', quote }) as const;
const art52 = (quote: string) => ({ source: 'datong', article: '第五十二条', quote }) as const;
const art53 = (quote: string) => ({ source: 'datong', article: '第五十三条第二款', quote }) as const;
const art58 = (quote: string) => ({ source: 'datong', article: '第五十八条', quote }) as const;

/** Art.14 binds landlords, their agents and intermediaries alike: register within 24 h, report within 10 days. */
const register24h = {
  kind: 'after',
  within: { amount: 24, unit: 'hours' },
  from: 'moveIn',
  citation: art14('房屋出租人或者其委托代理人、中介服务机构应当在流动人口入住后24小时内登记'),
} as const;
const report10Days = {
  kind: 'after',
  within: { amount: 10, unit: 'days' },
  from: 'moveIn',
  citation: art14('入住后24小时内登记,并在10日内向居住地公安派出所报告'),
} as const;
const urgeRegistration: DutyRule = { duties: ['urgeRegistration'], citation: art14('督促流动人口申报居住登记') };
const permitScope = art17('年满16周岁拟在居住地居住30日以上的流动人口');

export const datong: PolicyPackInput = {
  id: 'datong',
  extends: 'national',
  divisionPrefixes: ['1402'],
  sources: ['datong'],
  registration: {
    // Art.9 covers 10–30 days; longer stays register too, with the permit (Art.17), so there is no maximum.
    who: {
      scope: 'plansToStay',
      minimumStay: { amount: 10, unit: 'days' },
      citation: art9('流动人口拟在居住地居住10日以上30日以下的'),
    },
    deadline: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'arrival',
      citation: art9('应当自到达之日起10日内持本人居民身份证或者户口簿等有效身份证件向居住地公安派出所申报居住登记'),
    },
    changeDeadline: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'detailsChanged',
      citation: art12('居住登记申报人应当自变动之日起10日内持本人有效身份证件向居住地公安派出所办理更正或变更登记'),
    },
    documents: {
      items: ['citizenId', 'householdRegister'],
      citation: art9('持本人居民身份证或者户口簿等有效身份证件'),
    },
  },
  landlord: {
    registerWithin: register24h,
    reportMoveIn: report10Days,
    reportMoveOut: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'moveOut',
      citation: art14('应当自流动人口离开之日起10日内报告居住地公安派出所'),
    },
    duties: [urgeRegistration],
  },
  // Intermediaries act for the landlord here, so the placement report is counted from the move-in.
  agency: {
    registerWithin: register24h,
    reportPlacement: report10Days,
    duties: [urgeRegistration],
  },
  // Art.15 has the employer get the worker registered within 10 days of hiring.
  employer: {
    reportHire: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'hire',
      citation: art15('应当自聘用之日起10日内组织流动人口申报居住登记'),
    },
    reportTermination: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'termination',
      citation: art15('应当自终止或者解除劳动关系之日起10日内报告居住'),
    },
  },
  market: {
    reportArrival: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'siteArrival',
      citation: art16('应当自流动人口入驻之日起10日内,将流动人口登记信息报告居住地公安派出所'),
    },
    duties: [{ duties: ['urgeRegistration'], citation: art16('并督促流动人口申报居住登记') }],
  },
  institution: {
    reportRegistration: {
      kind: 'after',
      within: { amount: 10, unit: 'workingDays' },
      from: 'institutionRegistration',
      citation: art13('或者自办理居住登记之日起10个工作日内,将登记情况书面报告居住地公安派出所'),
    },
  },
  permit: {
    withRegistration: { citation: art17('应当在到达居住地10日内申报居住登记的同时,申领《山西省流动人口居住证》') },
    eligibility: {
      conditions: [
        { condition: { kind: 'age', atLeast: 16 }, citation: permitScope },
        { condition: { kind: 'plannedStay', atLeast: { amount: 30, unit: 'days' } }, citation: permitScope },
      ],
      // 「可以不申领居住证」: these people need not apply, but may.
      voluntary: [
        {
          condition: {
            kind: 'purposeIn',
            purposes: ['visit', 'tourism', 'businessTrip', 'vacation', 'study', 'medical'],
          },
          citation: art17('(一)探亲、访友、旅游、出差、休假的;(二)就学、就医、疗养等依法不需要领取居住证的;', '（一）（二）'),
        },
      ],
    },
    guardianApplies: {
      allowed: false,
      citation: art17('(三)未满16周岁的公民应随其监护人登记,不领取居住证。', '（三）'),
    },
    documents: {
      items: ['citizenId', 'photo', 'leaseFilingCertificate', 'lodgingLetter'],
      citation: art18('应当出示有效身份证件、近期照片、房屋租赁登记备案证明或借住证明等材料'),
    },
    issueWithin: {
      kind: 'after',
      within: { amount: 10, unit: 'days' },
      from: 'acceptance',
      citation: art18('公安派出所应当自受理之日起10日内发放居住证'),
    },
    remoteIssueWithin: {
      kind: 'after',
      within: { amount: 15, unit: 'days' },
      from: 'acceptance',
      citation: art18('自受理之日起10日内发放居住证,偏远地区可延长至15日'),
    },
    refusalNeedsReasons: { citation: art18('对不符合申领条件的,应当告知申领人,并说明理由。') },
    validity: { choices: [{ amount: 5, unit: 'years' }], citation: art19('居住证一人一证,有效期为五年。') },
    onePerPerson: { citation: art19('居住证一人一证') },
    endorsement: {
      every: { amount: 1, unit: 'years' },
      windowBefore: {
        kind: 'window',
        opens: { amount: 30, unit: 'days' },
        event: 'residenceAnniversary',
        citation: art20('应当在居住满一年前30日内,到居住地公安派出所或者受公安派出所委托的社会服务机构办理签注手续'),
      },
      // Unlike national, a missed endorsement voids the permit, yet the residence years stay continuous.
      missed: {
        effect: 'lapsed',
        residenceYears: 'continuous',
        citation: art20('逾期未办理签注手续的,居住证废止;补办签注手续后,居住证持有人在居住地的居住年限连续计算。'),
      },
      citation: art20('每年签注一次'),
    },
    renewBefore: {
      kind: 'before',
      atLeast: { amount: 30, unit: 'days' },
      event: 'expiry',
      citation: art22('应在有效期满30日前到居住地公安派出所办理换发手续'),
    },
    cancellation: {
      beforeLeaving: {
        kind: 'window',
        opens: { amount: 10, unit: 'days' },
        event: 'leaving',
        citation: art21('应当自离开前10日内到居住地公安派出所办理居住证注销手续,并交回居住证', '第二款'),
      },
      returnGrace: {
        within: { amount: 30, unit: 'days' },
        citation: art21('居住证持有人在30日内返回登记居住地的,不办理居住证注销手续。', '第三款'),
      },
    },
    fees: [
      {
        services: ['firstIssue', 'renewal'],
        charge: 'free',
        citation: art58('首次申请领取、到期换发居住证,免收证件工本费。'),
      },
      {
        services: ['replacement'],
        charge: 'cardFee',
        citation: art58('损坏换领、丢失补领居住证,应当缴纳证件工本费。'),
      },
    ],
  },
  fines: [
    // Art.49 only orders the migrant to correct; it sets no fine.
    {
      party: 'individual',
      offence: 'notRegistered',
      afterOrderToCorrect: false,
      citation: art49('流动人口未申报居住登记和申领居住证的,由公安机关责令限期改正。'),
    },
    {
      party: 'landlord',
      offence: 'notReported',
      amount: { min: 100, max: 300 },
      afterOrderToCorrect: false,
      citation: art50('对房屋出租人或者其委托代理人处100元以上300元以下罚款'),
    },
    {
      party: 'intermediary',
      offence: 'notReported',
      amount: { min: 200, max: 500 },
      serious: { min: 500, max: 2000 },
      afterOrderToCorrect: false,
      citation: art50('对中介服务机构法定代表人或者直接责任人处200元以上500元以下罚款,情节严重的,处500元以上2000元以下罚款'),
    },
    {
      party: 'employer',
      offence: 'notReported',
      amount: { min: 300, max: 500 },
      serious: { min: 500, max: 3000 },
      afterOrderToCorrect: false,
      citation: art51('并对法定代表人或者直接责任人处300元以上500元以下罚款;情节严重的,处500元以上3000元以下罚款'),
    },
    {
      party: 'marketOperator',
      offence: 'notReported',
      amount: { min: 200, max: 500 },
      serious: { min: 500, max: 2000 },
      afterOrderToCorrect: false,
      citation: art52('并对法定代表人或者直接责任人处200元以上500元以下罚款;情节严重的,处500元以上2000元以下罚款'),
    },
    {
      party: 'anyone',
      offence: 'permitFraud',
      amount: { min: 200, max: 500 },
      afterOrderToCorrect: false,
      citation: art53('骗取、冒领、出租、出借、转让居住证的,由公安机关收缴居住证,处200元以上500元以下罚款'),
    },
  ],
  entitlements: [
    {
      id: 'community-affairs',
      area: 'civic',
      service: 'communityAffairs',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'residentsCommittee', bring: ['residencePermit'] },
      citation: art44('依法参与居住地有关社会事务管理', '（一）'),
    },
    {
      id: 'social-organisations',
      area: 'civic',
      service: 'socialOrganisations',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'civilAffairsBureau', bring: ['residencePermit', 'citizenId'] },
      citation: art44('依法参加居住地社会组织', '（二）'),
    },
    {
      id: 'social-insurance',
      area: 'socialInsurance',
      service: 'socialInsurance',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'socialInsuranceAgency', bring: ['residencePermit', 'citizenId'] },
      citation: art44('依法参加社会保险,按相应规定缴纳社会保险费并享受社会保险待遇', '（三）'),
    },
    {
      id: 'housing-security',
      area: 'housing',
      service: 'housingSecurity',
      // The terms are whatever the local government sets, so the office decides.
      conditions: [{ kind: 'permit' }, { kind: 'decidedByOffice' }],
      apply: { where: 'housingBureau', bring: ['residencePermit', 'citizenId'] },
      citation: art44('居住地人民政府规定的住房保障', '（四）'),
    },
    {
      id: 'legal-aid',
      area: 'legal',
      service: 'legalAid',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'legalAidCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art44('享受法律服务并获得法律援助', '（六）'),
    },
    {
      id: 'job-seeker-services',
      area: 'employment',
      service: 'jobSeekerServices',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'employmentServiceCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art45('求职登记和失业登记的政策咨询、职业指导、职业介绍、就业信息查询等服务', '（一）'),
    },
    {
      id: 'professional-titles',
      area: 'employment',
      service: 'professionalTitles',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'professionalExamAuthority', bring: ['residencePermit', 'citizenId'] },
      citation: art45(
        '按照规定参加居住地专业技术职称资格评定或者考试、职业(执业)资格考试、职业(执业)资格登记',
        '（二）',
      ),
    },
    {
      id: 'contraceptives-and-procedures',
      area: 'health',
      service: 'contraceptivesAndProcedures',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'healthCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art45('免费获得避孕药具,免费享受国家规定的计划生育技术服务', '（三）'),
    },
    {
      // The first-child limit in Art.45 (三) predates the 2021 family-planning amendment and is not encoded.
      id: 'birth-registration',
      area: 'health',
      service: 'birthRegistration',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'streetOffice', bring: ['residencePermit', 'citizenId', 'marriageCertificate'] },
      citation: art45('可以到居住地街道办事处、乡镇人民政府办理生育登记', '（三）'),
    },
    {
      id: 'child-vaccination',
      area: 'health',
      service: 'childVaccination',
      conditions: [{ kind: 'permit' }, { kind: 'child' }],
      apply: { where: 'healthCentre', bring: ['residencePermit', 'childBirthCertificate'] },
      citation: art45('国家规定的传染病防治、儿童计划免疫等基本公共卫生服务', '（四）'),
    },
    {
      id: 'infectious-disease-control',
      area: 'health',
      service: 'infectiousDiseaseControl',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'healthCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art45('国家规定的传染病防治、儿童计划免疫等基本公共卫生服务', '（四）'),
    },
    {
      id: 'hk-macau-business-endorsement',
      area: 'certificates',
      service: 'hkMacauBusinessEndorsement',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'exitEntryAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art45('在居住地办理往来港澳地区的商务签注', '（五）'),
    },
    {
      id: 'driving-licence',
      area: 'transport',
      service: 'drivingLicence',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art45('在居住地申领机动车驾驶证,办理机动车注册登记', '（六）'),
    },
    {
      id: 'vehicle-registration',
      area: 'transport',
      service: 'vehicleRegistration',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId'] },
      citation: art45('在居住地申领机动车驾驶证,办理机动车注册登记', '（六）'),
    },
    {
      id: 'public-transport-discount',
      area: 'transport',
      service: 'publicTransportDiscount',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'transportOperator', bring: ['residencePermit'] },
      citation: art45('乘坐城市公共交通工具享受与常住人口同等优惠', '（七）'),
    },
    {
      id: 'talent-and-patent-subsidies',
      area: 'employment',
      service: 'talentAndPatentSubsidies',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'scienceBureau', bring: ['residencePermit', 'citizenId'] },
      citation: art45(
        '参加科技发明、创新成果申报,按照规定申请科技人才计划资助、科技项目资助或者专利补助基金',
        '（八）',
      ),
    },
    {
      id: 'compulsory-education',
      area: 'education',
      service: 'schoolPlacement',
      conditions: [{ kind: 'permit' }, { kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['residencePermit', 'householdRegister', 'childBirthCertificate'] },
      citation: art45('子女符合义务教育入学条件的,由居住地教育行政部门统筹安排就学', '（九）'),
    },
    {
      // A home owned, or a registered lease (which also needs the permit), or a labour contract, or a
      // business licence with tax paid.
      id: 'hukou-transfer',
      area: 'housing',
      service: 'hukouTransfer',
      conditions: [
        { kind: 'permit' },
        {
          kind: 'anyOf',
          conditions: [
            { kind: 'fact', fact: 'homeOwned' },
            { kind: 'fact', fact: 'leaseRegistered' },
            { kind: 'fact', fact: 'labourContract' },
            {
              kind: 'allOf',
              conditions: [
                { kind: 'fact', fact: 'businessLicence' },
                { kind: 'fact', fact: 'taxPaid' },
              ],
            },
          ],
        },
      ],
      apply: { where: 'policeStation', bring: ['residencePermit', 'householdRegister', 'citizenId'] },
      citation: art45(
        '同时有合法稳定住所,依法取得房屋所有权(房屋来源合法、拥有使用权)的;或租赁房管部门、企事业单位、政府直管住房、廉租房、公租房和他人合法私有住房并与房屋所有权人签订租赁住房协议,且办理了租赁登记备案手续和《居住证》的;或者流动人口与用人单位依法签订劳动合同或依法领取工商营业执照、依法纳税的,流动人口本人及其共同居住生活的配偶、未婚子女、父母,可以在本市(县)申请登记常住户口。',
        '（十）',
      ),
    },
    {
      id: 'temporary-relief',
      area: 'civic',
      service: 'temporaryRelief',
      conditions: [{ kind: 'permit' }, { kind: 'fact', fact: 'inDistress' }],
      apply: { where: 'reliefStation', bring: ['residencePermit'] },
      citation: art45('对城市生活无着流浪乞讨人员和流浪未成年人开展救助管理和救助保护', '（十一）'),
    },
    {
      id: 'dispute-mediation',
      area: 'legal',
      service: 'mediationAndLegalAid',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'mediationCommittee', bring: ['residencePermit', 'citizenId'] },
      citation: art45('为流动人口提供法律援助,开展法制宣传教育和纠纷调解工作', '（十二）'),
    },
  ],
};
