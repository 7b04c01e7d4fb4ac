/**
 * National rules: 居住证暂行条例 (国务院令第663号, in force 2016-01-01). It governs every division that
 * no local pack covers, and every local pack inherits what its own regulation does not set.
 * Residence-registration and reporting deadlines are left to local rules, so none is set here.
 */
import type { PolicyPackInput } from '../schema.ts';

const art2 = {
  source: 'national',
  article: '第二条',
  quote: '公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。',
} as const;
const art9 = (quote: string) => ({ source: 'national', article: '第九条', quote }) as const;
const art10 = (quote: string) => ({ source: 'national', article: '第十条', quote }) as const;
const art12 = (quote: string) => ({ source: 'national', article: '第十二条', quote }) as const;
const art13 = (quote: string) => ({ source: 'national', article: '第十三条', quote }) as const;

export const national: PolicyPackInput = {
  id: 'national',
  divisionPrefixes: [],
  sources: ['national'],
  registration: {
    who: { scope: 'anotherCity', citation: art2 },
  },
  permit: {
    eligibility: {
      conditions: [
        { condition: { kind: 'residence', atLeast: { amount: 6, unit: 'months' } }, citation: art2 },
        {
          condition: {
            kind: 'anyOf',
            conditions: [
              { kind: 'fact', fact: 'stableJob' },
              { kind: 'fact', fact: 'stableHome' },
              { kind: 'fact', fact: 'continuousStudy' },
            ],
          },
          citation: art2,
        },
      ],
    },
    guardianApplies: {
      allowed: true,
      citation: art9('未满16周岁的未成年人和行动不便的老年人、残疾人等，可以由其监护人、近亲属代为申领居住证。'),
    },
    documents: {
      items: ['citizenId', 'photo', 'residenceProof', 'employmentProof', 'studyProof'],
      citation: art9('提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料'),
    },
    issueWithin: {
      kind: 'after',
      within: { amount: 15, unit: 'days' },
      from: 'acceptance',
      citation: art9('对符合居住证办理条件的，公安机关应当自受理之日起15日内制作发放居住证'),
    },
    remoteIssueWithin: {
      kind: 'after',
      within: { amount: 30, unit: 'days' },
      from: 'acceptance',
      citation: art9(
        '在偏远地区、交通不便的地区或者因特殊情况，不能按期制作发放居住证的，设区的市级以上地方人民政府在实施办法中可以对制作发放时限作出延长规定，但延长后最长不得超过30日。',
      ),
    },
    endorsement: {
      every: { amount: 1, unit: 'years' },
      windowBefore: {
        kind: 'window',
        opens: { amount: 1, unit: 'months' },
        event: 'residenceAnniversary',
        citation: art10(
          '居住证持有人在居住地连续居住的，应当在居住每满1年之日前1个月内，到居住地公安派出所或者受公安机关委托的社区服务机构办理签注手续。',
        ),
      },
      missed: {
        effect: 'suspended',
        residenceYears: 'restartAtEndorsement',
        citation: art10(
          '逾期未办理签注手续的，居住证使用功能中止；补办签注手续的，居住证的使用功能恢复，居住证持有人在居住地的居住年限自补办签注手续之日起连续计算。',
        ),
      },
      citation: art10('居住证由县级人民政府公安机关签发，每年签注1次。'),
    },
  },
  entitlements: [
    {
      id: 'compulsory-education',
      area: 'education',
      service: 'compulsoryEducation',
      conditions: [{ kind: 'permit' }, { kind: 'child' }],
      apply: { where: 'educationBureau', bring: ['residencePermit', 'householdRegister', 'childBirthCertificate'] },
      citation: art12('（一）义务教育；'),
    },
    {
      id: 'social-insurance',
      area: 'socialInsurance',
      service: 'socialInsurance',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'socialInsuranceAgency', bring: ['residencePermit', 'citizenId'] },
      citation: art12('居住证持有人在居住地依法享受劳动就业，参加社会保险，缴存、提取和使用住房公积金的权利。'),
    },
    {
      id: 'public-employment-services',
      area: 'employment',
      service: 'publicEmploymentServices',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'employmentServiceCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art12('（二）基本公共就业服务；'),
    },
    {
      id: 'public-health-family-planning',
      area: 'health',
      service: 'publicHealthAndFamilyPlanning',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'healthCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art12('（三）基本公共卫生服务和计划生育服务；'),
    },
    {
      id: 'public-culture-sport',
      area: 'civic',
      service: 'publicCultureAndSport',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'cultureVenue', bring: ['residencePermit'] },
      citation: art12('（四）公共文化体育服务；'),
    },
    {
      id: 'legal-aid',
      area: 'legal',
      service: 'legalAid',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'legalAidCentre', bring: ['residencePermit', 'citizenId'] },
      citation: art12('（五）法律援助和其他法律服务；'),
    },
    {
      id: 'exit-entry-documents',
      area: 'certificates',
      service: 'exitEntryDocuments',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'exitEntryAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art13('（一）按照国家有关规定办理出入境证件；'),
    },
    {
      id: 'id-card-replacement',
      area: 'certificates',
      service: 'idCardReplacement',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'policeStation', bring: ['residencePermit', 'householdRegister', 'photo'] },
      citation: art13('（二）按照国家有关规定换领、补领居民身份证；'),
    },
    {
      id: 'vehicle-registration',
      area: 'transport',
      service: 'vehicleRegistration',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId'] },
      citation: art13('（三）机动车登记；'),
    },
    {
      id: 'driving-licence',
      area: 'transport',
      service: 'drivingLicence',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'vehicleAdministration', bring: ['residencePermit', 'citizenId', 'photo'] },
      citation: art13('（四）申领机动车驾驶证；'),
    },
    {
      id: 'professional-qualification-exams',
      area: 'employment',
      service: 'professionalQualificationExams',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'professionalExamAuthority', bring: ['residencePermit', 'citizenId'] },
      citation: art13('（五）报名参加职业资格考试、申请授予职业资格；'),
    },
    {
      id: 'birth-registration',
      area: 'health',
      service: 'birthRegistration',
      conditions: [{ kind: 'permit' }],
      apply: { where: 'streetOffice', bring: ['residencePermit', 'citizenId', 'marriageCertificate'] },
      citation: art13('（六）办理生育服务登记和其他计划生育证明材料；'),
    },
    {
      id: 'hukou-transfer',
      area: 'housing',
      service: 'hukouTransfer',
      conditions: [{ kind: 'permit' }, { kind: 'decidedByOffice' }],
      apply: { where: 'policeStation', bring: ['residencePermit', 'householdRegister', 'citizenId'] },
      citation: {
        source: 'national',
        article: '第十五条',
        quote: '居住证持有人符合居住地人民政府规定的落户条件的，可以根据本人意愿，将常住户口由原户口所在地迁入居住地。',
      },
    },
  ],
};
