/**
 * The regulations a citation can point into. `seed` names the source text a reviewer checks a quote
 * against (the quote is a verbatim substring of it); the national regulation is cited by article.
 */
export interface PolicySource {
  title: string;
  issuer: string;
  inForce?: string;
  /** Prefix of the source text file the quotes are copied from; absent for national law. */
  seed?: string;
}

export const SOURCES = {
  national: {
    title: '居住证暂行条例',
    issuer: '国务院令第663号',
    inForce: '2016-01-01',
  },
  liaoning: {
    title: '辽宁省实有人口服务管理办法',
    issuer: '辽宁省人民政府令第281号',
    inForce: '2013-04-01',
    seed: '000',
  },
  xinjiang: {
    title: '新疆维吾尔自治区流动人口服务和管理办法',
    issuer: '新疆维吾尔自治区人民政府',
    inForce: '2011-10-01',
    seed: '001',
  },
  datong: {
    title: '大同市流动人口服务管理办法',
    issuer: '同政发〔2014〕5号',
    seed: '001',
  },
  ningxia: {
    title: '宁夏回族自治区流动人口服务管理办法',
    issuer: '宁夏回族自治区人民政府令第49号',
    inForce: '2013-03-01',
    seed: '001',
  },
} as const satisfies Record<string, PolicySource>;

export type SourceId = keyof typeof SOURCES;
export const SOURCE_IDS = Object.keys(SOURCES) as [SourceId, ...SourceId[]];
