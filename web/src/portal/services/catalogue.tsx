import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import {
  AppstoreOutline,
  BankcardOutline,
  CompassOutline,
  DownlandOutline,
  GiftOutline,
  LocationOutline,
  TeamOutline,
  UnorderedListOutline,
  UploadOutline,
} from 'antd-mobile-icons';
import type { Role } from '#shared/identity/roles';

export interface ServiceEntry {
  key: string;
  icon: ReactNode;
  title: string;
  description: string;
  /** Only for services that already have a place to go (residence registration, the guide, the office). */
  href?: string;
}

/** What each role can do here, in the order a newcomer meets them. */
export function servicesFor(roles: readonly Role[], t: TFunction): ServiceEntry[] {
  const entries: ServiceEntry[] = [];
  if (roles.includes('resident')) {
    entries.push(
      {
        key: 'residence',
        icon: <LocationOutline />,
        title: t('portal:services.residence.title'),
        description: t('portal:services.residence.description'),
        href: '/residence',
      },
      {
        key: 'permit',
        icon: <BankcardOutline />,
        title: t('portal:services.permit.title'),
        description: t('portal:services.permit.description'),
        href: '/permit',
      },
      {
        key: 'houses',
        icon: <TeamOutline />,
        title: t('portal:services.houses.title'),
        description: t('portal:services.houses.description'),
        href: '/houses',
      },
      {
        key: 'entitlements',
        icon: <GiftOutline />,
        title: t('portal:services.entitlements.title'),
        description: t('portal:services.entitlements.description'),
        href: '/entitlements',
      },
      {
        key: 'guide',
        icon: <CompassOutline />,
        title: t('portal:services.guide.title'),
        description: t('portal:services.guide.description'),
        href: '/guide',
      },
    );
  }
  if (roles.includes('agency')) {
    entries.push(
      {
        key: 'bulkUpload',
        icon: <UploadOutline />,
        title: t('portal:services.bulkUpload.title'),
        description: t('portal:services.bulkUpload.description'),
        href: '/agency',
      },
      {
        key: 'people',
        icon: <UnorderedListOutline />,
        title: t('portal:services.people.title'),
        description: t('portal:services.people.description'),
        href: '/agency/people',
      },
      {
        key: 'templates',
        icon: <DownlandOutline />,
        title: t('portal:services.templates.title'),
        description: t('portal:services.templates.description'),
        href: '/agency/uploads/new',
      },
    );
  }
  if (roles.includes('officer') || roles.includes('admin')) {
    entries.push({
      key: 'office',
      icon: <AppstoreOutline />,
      title: t('portal:services.office.title'),
      description: t('portal:services.office.description'),
      href: '/office',
    });
  }
  return entries;
}

export function roleNames(roles: readonly Role[], t: TFunction): string[] {
  const names: Record<Role, string> = {
    resident: t('common:roles.resident'),
    agency: t('common:roles.agency'),
    officer: t('common:roles.officer'),
    admin: t('common:roles.admin'),
  };
  return roles.map((role) => names[role]);
}
