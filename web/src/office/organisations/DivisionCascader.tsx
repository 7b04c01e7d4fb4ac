import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { listDivisions } from '#shared/api/divisions';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { divisionOption, withChildren, type DivisionOption } from './divisions.ts';

interface Props {
  id?: string;
  /** The codes from the province down, as antd's Form hands them over. */
  value?: string[];
  onChange?: (value: string[]) => void;
  status?: 'error' | 'warning' | '';
  'aria-describedby'?: string;
}

/** Province → city → county → street, each level fetched from `/api/divisions` when it is opened. */
export function DivisionCascader({ id, value, onChange, status, ...aria }: Props) {
  const { t } = useTranslation(['organisations']);
  const { call } = useServices();
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    call(listDivisions, { query: {}, signal: controller.signal }).then(
      (answer) => setOptions(answer.divisions.map(divisionOption)),
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure(messageOf(error, t));
      },
    );
    return () => controller.abort();
  }, [call, t]);

  async function loadLevel(selected: DivisionOption[]) {
    const path = selected.map((option) => option.value);
    const parent = path.at(-1);
    if (!parent) return;
    try {
      const answer = await call(listDivisions, { query: { parent } });
      setOptions((current) => withChildren(current, path, answer.divisions.map(divisionOption)));
      setFailure(undefined);
    } catch (error) {
      setFailure(messageOf(error, t));
    }
  }

  return (
    <>
      <Cascader<DivisionOption>
        id={id}
        options={options}
        value={value}
        onChange={(next) => onChange?.(next as string[])}
        loadData={(selected) => void loadLevel(selected)}
        placeholder={t('organisations:form.divisionPlaceholder')}
        status={failure ? 'warning' : status}
        popupMatchSelectWidth={false}
        aria-describedby={aria['aria-describedby']}
        className="orgs-division"
      />
      {failure && (
        <div className="orgs-division-failure" role="alert">
          {t('organisations:form.divisionsFailed', { message: failure })}
        </div>
      )}
    </>
  );
}
