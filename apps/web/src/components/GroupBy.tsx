import { Select } from 'antd';
import { useI18n } from '../i18n';

/** How a page groups its figures (issue 12 item 5): today's communes and wards, today's areas, or centre type. */
export type Grouping = 'UNIT_LEVEL' | 'AREA' | 'CENTRE_TYPE';

/** The "Nhóm theo" choice, labelled for screen readers; `options` limits it to what the page can group by. */
export function GroupBySelect({ id, value, onChange, options = ['UNIT_LEVEL', 'AREA', 'CENTRE_TYPE'] }: {
  id: string;
  value: Grouping;
  onChange: (g: Grouping) => void;
  options?: readonly Grouping[];
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={id}>{t('group.by')}:</label>
      <Select<Grouping>
        id={id}
        data-testid={id}
        value={value}
        onChange={onChange}
        style={{ width: 240, maxWidth: 'calc(100vw - 72px)' }}
        options={options.map((g) => ({ value: g, label: t(`group.${g}`) }))}
      />
    </>
  );
}

/** The column title of a group's name. */
export function groupColumnKey(g: Grouping): 'group.unitColumn' | 'group.areaColumn' | 'group.typeColumn' {
  return g === 'UNIT_LEVEL' ? 'group.unitColumn' : g === 'AREA' ? 'group.areaColumn' : 'group.typeColumn';
}
