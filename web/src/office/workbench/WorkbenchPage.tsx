import { Card, Col, Descriptions, Row, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '#shared/api/identity';
import { formatLongDate } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import type { OfficeArea } from '../shell/areas.tsx';

/** Where the user works today, and what the back office covers for their role. */
export function WorkbenchPage({ me, areas }: { me: Me; areas: OfficeArea[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const today = formatLongDate(new Date(), language, t);

  const items: DescriptionsProps['items'] = [];
  if (me.station) {
    items.push(
      { key: 'station', label: t('office:workbench.station'), children: me.station.name },
      {
        key: 'divisions',
        label: t('office:workbench.divisions'),
        children: (
          <div className="office-divisions">
            {me.station.divisions.map((division) => (
              <Tag key={division} className="office-division">
                {division}
              </Tag>
            ))}
          </div>
        ),
      },
    );
  }
  if (me.org) items.push({ key: 'org', label: t('office:workbench.org'), children: me.org.name });
  items.push({ key: 'date', label: t('office:workbench.today'), children: <time>{today}</time> });

  return (
    <div className="office-workbench">
      <Typography.Title level={2} className="office-page-title">
        {t('office:workbench.title')}
      </Typography.Title>
      <Card className="office-summary">
        <Descriptions column={1} items={items} />
      </Card>
      <Typography.Title level={3} className="office-section-title">
        {t('office:workbench.areasTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('office:workbench.areasLead')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {areas.map((area) => (
          <Col key={area.key} xs={24} md={12} xl={8}>
            <Card
              id={`area-${area.key}`}
              tabIndex={-1}
              className="office-area"
              extra={area.path ? <Link to={area.path}>{t('office:workbench.open')}</Link> : undefined}
              title={
                <span className="office-area-title">
                  <span className="office-area-icon" aria-hidden="true">
                    {area.icon}
                  </span>
                  {area.title}
                </span>
              }
            >
              <Typography.Paragraph className="office-area-description">{area.description}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
