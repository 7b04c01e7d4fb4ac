import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DownloadOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  SearchOutlined,
  TeamOutlined,
  UploadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Role } from '#shared/identity/roles';

/** One area of work in the back office, described on the workbench until its screens arrive. */
export interface OfficeArea {
  key: string;
  icon: ReactNode;
  title: string;
  description: string;
  /** Where the area's screens are, once it has them. */
  path?: string;
}

/** The residence review's screens (a lazy chunk of their own). */
export const RESIDENCE_REVIEW_PATH = '/office/residence';

/** The residence permit review's screens (a lazy chunk of their own). */
export const PERMIT_REVIEW_PATH = '/office/permits';

/** The station's rental houses, their tenants and the landlords' reports (a lazy chunk of their own). */
export const HOUSE_WATCH_PATH = '/office/houses';

/** The administrator's organisations and their users (a lazy chunk of their own). */
export const ORGANISATIONS_PATH = '/office/organisations';

/** An organisation's uploads, people and templates: the portal's pages, laid out for a phone and a desktop alike. */
export const AGENCY_PATHS = { uploads: '/agency', people: '/agency/people', templates: '/agency/uploads/new' } as const;

/** Roles that have a back office; a resident's is the mobile portal. */
export const OFFICE_ROLES: readonly Role[] = ['officer', 'agency', 'admin'];

export const hasOfficeRole = (roles: readonly Role[]) => roles.some((role) => OFFICE_ROLES.includes(role));

export function areasFor(roles: readonly Role[], t: TFunction): OfficeArea[] {
  const areas: OfficeArea[] = [];
  if (roles.includes('officer')) {
    areas.push(
      {
        key: 'residenceReview',
        icon: <AuditOutlined />,
        title: t('office:areas.residenceReview.title'),
        description: t('office:areas.residenceReview.description'),
        path: RESIDENCE_REVIEW_PATH,
      },
      {
        key: 'permitReview',
        icon: <IdcardOutlined />,
        title: t('office:areas.permitReview.title'),
        description: t('office:areas.permitReview.description'),
        path: PERMIT_REVIEW_PATH,
      },
      {
        key: 'housing',
        icon: <HomeOutlined />,
        title: t('office:areas.housing.title'),
        description: t('office:areas.housing.description'),
        path: HOUSE_WATCH_PATH,
      },
      {
        key: 'statistics',
        icon: <BarChartOutlined />,
        title: t('office:areas.statistics.title'),
        description: t('office:areas.statistics.description'),
      },
      {
        key: 'search',
        icon: <SearchOutlined />,
        title: t('office:areas.search.title'),
        description: t('office:areas.search.description'),
      },
    );
  }
  if (roles.includes('agency')) {
    areas.push(
      {
        key: 'bulkUpload',
        icon: <UploadOutlined />,
        title: t('office:areas.bulkUpload.title'),
        description: t('office:areas.bulkUpload.description'),
        path: AGENCY_PATHS.uploads,
      },
      {
        key: 'people',
        icon: <TeamOutlined />,
        title: t('office:areas.people.title'),
        description: t('office:areas.people.description'),
        path: AGENCY_PATHS.people,
      },
      {
        key: 'templates',
        icon: <DownloadOutlined />,
        title: t('office:areas.templates.title'),
        description: t('office:areas.templates.description'),
        path: AGENCY_PATHS.templates,
      },
    );
  }
  if (roles.includes('admin')) {
    areas.push(
      {
        key: 'accounts',
        icon: <UserSwitchOutlined />,
        title: t('office:areas.accounts.title'),
        description: t('office:areas.accounts.description'),
        path: ORGANISATIONS_PATH,
      },
      {
        key: 'stations',
        icon: <ApartmentOutlined />,
        title: t('office:areas.stations.title'),
        description: t('office:areas.stations.description'),
      },
      {
        key: 'audit',
        icon: <FileSearchOutlined />,
        title: t('office:areas.audit.title'),
        description: t('office:areas.audit.description'),
      },
    );
  }
  return areas;
}
