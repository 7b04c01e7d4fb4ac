/**
 * Reference data every installation starts with: police stations (派出所) and the GB/T 2260
 * division codes each covers — one city under each policy region (Liaoning, Xinjiang, Datong,
 * Ningxia) and one under the national pack (Shenzhen).
 */
import type { Station } from '#shared/api/identity';
import type { OrganisationType } from '#shared/agency/organisation';

export const STATIONS: readonly Station[] = [
  { id: 'shenyang-taiyuanjie', name: '沈阳市公安局和平分局太原街派出所', divisions: ['210102'], remote: false },
  { id: 'urumqi-hepinglu', name: '乌鲁木齐市公安局天山区分局和平路派出所', divisions: ['650102'], remote: false },
  { id: 'datong-xinjianlu', name: '大同市公安局平城分局新建路派出所', divisions: ['140213'], remote: false },
  { id: 'yinchuan-xinhuajie', name: '银川市公安局兴庆区分局新华街派出所', divisions: ['640104'], remote: false },
  { id: 'shenzhen-futian', name: '深圳市公安局福田分局福田派出所', divisions: ['440304'], remote: false },
];

/** An organisation as the administrator registers it (its address's names and station are looked up when it is written). */
export interface ReferenceOrganisation {
  id: string;
  type: OrganisationType;
  name: string;
  /** A made-up unified social credit code with a valid check character, registered in Futian. */
  creditCode: string;
  address: { division: string; detail: string };
}

export const ORGANISATIONS: readonly ReferenceOrganisation[] = [
  {
    id: 'org-demo-employer',
    type: 'employer',
    name: '示例建筑劳务有限公司',
    creditCode: '91440304MA5G8K1N7W',
    address: { division: '440304001', detail: '红荔路 1001 号 3 楼' },
  },
];
