import { useRef, useState, type RefObject } from 'react';
import { Popup } from 'antd-mobile';
import { LeftOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { listDivisions, type DivisionNode } from '#shared/api/divisions';
import { placeNames } from '#shared/divisions/place-names';
import { useServices } from '../../app/services.ts';
import { LoadError } from './states.tsx';
import { useLoadState } from '../../app/load.ts';

/** A chosen division: its code and the names from the province down. */
export interface ChosenDivision {
  code: string;
  path: string[];
}

export const placeText = (path: readonly string[]) => placeNames(path).join(' ');

/** How long a code is at the level the field asks for: a county (hukou) or a street (residence). */
const TARGET_LENGTH = { county: 6, street: 9 } as const;
const PREFIX_LENGTHS = [2, 4, 6];

/** The levels above a chosen division, so the picker reopens where the user left it. */
function trailOf(current: ChosenDivision | undefined): DivisionNode[] {
  if (!current) return [];
  const levels = current.path.length - 1;
  return PREFIX_LENGTHS.slice(0, Math.max(0, levels)).map((length, index) => ({
    code: current.code.slice(0, length),
    name: current.path[index] ?? '',
    hasChildren: true,
  }));
}

interface DivisionPickerProps {
  visible: boolean;
  level: keyof typeof TARGET_LENGTH;
  title: string;
  current: ChosenDivision | undefined;
  onChoose: (division: ChosenDivision) => void;
  onClose: () => void;
  returnFocus: RefObject<HTMLElement | null>;
}

/**
 * Province → city → county (→ street), one level at a time from `GET /api/divisions`: the street
 * list of the whole country is megabytes, so the browser only ever holds the level it shows.
 */
export function DivisionPicker(props: DivisionPickerProps) {
  return (
    <Popup
      visible={props.visible}
      onMaskClick={props.onClose}
      onClose={props.onClose}
      destroyOnClose
      afterClose={() => props.returnFocus.current?.focus()}
      bodyClassName="rs-picker-popup"
    >
      {props.visible && <PickerBody {...props} />}
    </Popup>
  );
}

function PickerBody({ level, title, current, onChoose, onClose }: DivisionPickerProps) {
  const { t } = useTranslation();
  const { call } = useServices();
  const [trail, setTrail] = useState<DivisionNode[]>(() => trailOf(current));
  const heading = useRef<HTMLHeadingElement>(null);
  const parent = trail.at(-1)?.code;
  const { state, retry } = useLoadState(
    (signal) => call(listDivisions, { query: { parent }, signal }).then((answer) => answer.divisions),
    parent ?? 'root',
  );
  const target = TARGET_LENGTH[level];

  function pick(node: DivisionNode) {
    const names = [...trail.map((step) => step.name), node.name];
    if (node.code.length >= target) {
      // A city without counties (东莞市) lists its streets directly; its county code is theirs cut short.
      onChoose({ code: node.code.slice(0, target), path: node.code.length > target ? names.slice(0, -1) : names });
      return;
    }
    if (!node.hasChildren) return;
    setTrail([...trail, node]);
    heading.current?.focus();
  }

  const levelName = [t('residence:picker.province'), t('residence:picker.city'), t('residence:picker.county'), t('residence:picker.street')][
    trail.length
  ];

  return (
    <div className="rs-picker" role="dialog" aria-modal="true" aria-labelledby="rs-picker-title">
      <div className="rs-picker-header">
        <button type="button" className="rs-picker-action" onClick={onClose}>
          {t('residence:form.cancel')}
        </button>
        <h2 id="rs-picker-title" className="rs-picker-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <span className="rs-picker-action" aria-hidden="true" />
      </div>
      {trail.length > 0 && (
        <nav className="rs-picker-trail" aria-label={t('residence:picker.trail')}>
          <button type="button" className="rs-picker-crumb" onClick={() => setTrail(trail.slice(0, -1))}>
            <LeftOutline className="rs-chevron-back" aria-hidden="true" />
            {t('residence:picker.up')}
          </button>
          <span className="rs-picker-path" lang="zh-CN">
            {placeText(trail.map((step) => step.name))}
          </span>
        </nav>
      )}
      <p className="rs-picker-level">{levelName ?? t('residence:picker.street')}</p>
      <div className="rs-picker-list">
        {state.status === 'loading' && (
          <p className="rs-picker-status" role="status">
            {t('common:state.loading')}
          </p>
        )}
        {state.status === 'failed' && <LoadError error={state.error} retry={retry} />}
        {state.status === 'ready' &&
          (state.value.length === 0 ? (
            <p className="rs-picker-status">{t('residence:picker.none')}</p>
          ) : (
            <ul>
              {state.value.map((node) => {
                const final = node.code.length >= target;
                const dead = !final && !node.hasChildren;
                return (
                  <li key={node.code}>
                    <button type="button" className="rs-picker-option" disabled={dead} onClick={() => pick(node)}>
                      <span lang="zh-CN">{node.name}</span>
                      {!final && !dead && <RightOutline className="rs-chevron" aria-hidden="true" />}
                      {dead && <span className="rs-picker-dead">{t('residence:picker.noLower')}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          ))}
      </div>
    </div>
  );
}
