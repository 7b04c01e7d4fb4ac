/** Test residents for the residence and review suites: signed-in accounts, valid ID numbers, declaration bodies, proof files. */
import { checkCharacter } from '#shared/residence/citizen-id';
import type { DeclarationInput, ProfileInput } from '#shared/api/residence';
import { call, signInByPhone } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';

export interface Resident {
  phone: string;
  token: string;
}

let phoneCounter = 0;

/** A new account signed in by phone; the numbers differ per file (prefix) and call. */
export async function newResident(product: TestProduct, prefix: string): Promise<Resident> {
  const phone = `139${prefix}${String(++phoneCounter).padStart(8 - prefix.length, '0')}`;
  return { phone, token: await signInByPhone(product, phone) };
}

/** A valid GB 11643 number: division, birth date (YYYYMMDD), sequence (odd for men), check character. */
export function citizenId(division: string, birth: string, sequence: string): string {
  const first17 = `${division}${birth}${sequence}`;
  return `${first17}${checkCharacter(first17)}`;
}

export const profileBody = (id: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({
  name: '阿依古丽',
  citizenId: id,
  ethnicity: '05',
  hukou: { division: '653101', detail: '喀什市某某路12号' },
  education: 'seniorSecondary',
  employment: 'employed',
  employer: '示例建筑劳务有限公司',
  ...extra,
});

/** Streets that exist in the division data, under the seeded stations' counties. */
export const STREETS = {
  /** 乌鲁木齐市天山区燕儿窝街道: Xinjiang pack, proof of residence required. */
  urumqi: '650102002',
  urumqiOther: '650102003',
  /** 深圳市福田区: national pack, no proof required. */
  shenzhen: '440304001',
  /** 北京市东城区: a real street with no station online. */
  beijing: '110101001',
};

export const declarationBody = (division: string, moveInDate: string, extra: Partial<DeclarationInput> = {}): DeclarationInput => ({
  address: { division, detail: '和平路8号3单元501室' },
  moveInDate,
  intendedStay: 'from6Months',
  reason: 'work',
  housing: 'rented',
  landlordPhone: '13700000000',
  ...extra,
});

/** The first bytes that make a file what it says it is, padded to a size. */
export function fileOf(kind: 'png' | 'jpeg' | 'pdf' | 'exe', size = 64): Uint8Array<ArrayBuffer> {
  const magic = { png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], jpeg: [0xff, 0xd8, 0xff, 0xe0], pdf: [...Buffer.from('%PDF-1.7')], exe: [0x4d, 0x5a, 0x90, 0x00] }[kind];
  const bytes = new Uint8Array(size);
  bytes.set(magic);
  return bytes;
}

export interface Ticket {
  uploadId: string;
  url: string;
  headers: Record<string, string>;
}

export async function requestUpload(product: TestProduct, resident: Resident, contentType: string, size: number, language = 'en') {
  return call<Ticket & { error?: { code: string; fields?: Array<{ path: string; message: string }> } }>(product, 'POST', '/api/me/uploads', {
    token: resident.token,
    language,
    body: { purpose: 'residenceProof', fileName: '租房合同.pdf', contentType, size },
  });
}

export async function putBytes(product: TestProduct, ticket: Ticket, bytes: Uint8Array<ArrayBuffer>, headers = ticket.headers) {
  return fetch(`${product.url}${ticket.url}`, { method: 'PUT', headers, body: bytes });
}

/** Asks for a ticket and uploads `bytes` declared as `contentType`; the upload id. */
export async function uploadProof(product: TestProduct, resident: Resident, bytes: Uint8Array<ArrayBuffer>, contentType = 'image/png'): Promise<string> {
  const ticket = await requestUpload(product, resident, contentType, bytes.length);
  if (ticket.status !== 201) throw new Error(`upload ticket refused: ${JSON.stringify(ticket.body)}`);
  const stored = await putBytes(product, ticket.body, bytes);
  if (stored.status !== 200) throw new Error(`upload refused: ${stored.status} ${await stored.text()}`);
  return ticket.body.uploadId;
}

let idCounter = 0;

/** A resident with a profile (a fresh ID number each time), in `language`. */
export async function residentWithProfile(product: TestProduct, prefix: string, language = 'zh-CN') {
  const resident = await newResident(product, prefix);
  const number = citizenId('653101', '19920315', String(++idCounter).padStart(3, '0'));
  const saved = await call(product, 'PUT', '/api/me/profile', { token: resident.token, language, body: profileBody(number) });
  if (saved.status !== 200) throw new Error(`profile refused: ${JSON.stringify(saved.body)}`);
  return { ...resident, citizenId: number };
}
