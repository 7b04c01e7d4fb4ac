import { useEffect, useRef, useState, type RefObject } from 'react';
import { CascaderView, Popup } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { PROVINCES, pickerValue, type DivisionOption } from './divisions.ts';

const FIELD_NAMES = { label: 'name', value: 'code', children: 'children' };

interface CityPickerProps {
  visible: boolean;
  /** The division shown now, so the picker opens on it. */
  current: string | undefined;
  onChoose: (code: string) => void;
  onClose: () => void;
  /** Where focus goes back to once the sheet is gone (the popup does not restore it). */
  returnFocus: RefObject<HTMLElement | null>;
}

/**
 * Province, then city, from antd-mobile's cascader lists. Its own Cascader draws the confirm and
 * cancel actions and every option as anchors without href, which a keyboard cannot reach; here the
 * header has real buttons and each option holds one, whose click reaches the list item's handler.
 */
export function CityPicker({ visible, current, onChoose, onClose, returnFocus }: CityPickerProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string[]>(() => pickerValue(current));
  const [complete, setComplete] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!visible) return;
    const initial = pickerValue(current);
    setValue(initial);
    setComplete(initial.length === 2);
  }, [visible, current]);

  function confirm() {
    const code = value.at(-1);
    if (complete && code) onChoose(code);
  }

  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      destroyOnClose
      afterShow={() => title.current?.focus()}
      afterClose={() => returnFocus.current?.focus()}
      bodyClassName="guide-picker-popup"
    >
      <div className="guide-picker" role="dialog" aria-modal="true" aria-labelledby="guide-picker-title">
        <div className="guide-picker-header">
          <button type="button" className="guide-picker-action" onClick={onClose}>
            {t('guide:picker.cancel')}
          </button>
          <h2 id="guide-picker-title" className="guide-picker-title" tabIndex={-1} ref={title}>
            {t('guide:picker.title')}
          </h2>
          <button
            type="button"
            className="guide-picker-action guide-picker-confirm"
            disabled={!complete}
            onClick={confirm}
          >
            {t('guide:picker.confirm')}
          </button>
        </div>
        <CascaderView
          className="guide-picker-view"
          options={PROVINCES as DivisionOption[]}
          fieldNames={FIELD_NAMES}
          value={value}
          onChange={(next, extend) => {
            setValue(next.filter((code): code is string => typeof code === 'string'));
            setComplete(extend.isLeaf && next.length > 0);
          }}
          placeholder={(level) => (level === 0 ? t('guide:picker.province') : t('guide:picker.city'))}
          optionRender={(option, { active }) => (
            <button type="button" className="guide-picker-option" lang="zh-CN" aria-pressed={active}>
              {(option as DivisionOption).name}
            </button>
          )}
        />
      </div>
    </Popup>
  );
}
