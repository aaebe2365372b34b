/**
 * Lookups over a template: every value key it defines, what each key is (field or grid cell), its value
 * kind and its labels. Templates are immutable once published, so the index is cached per template object.
 */
import type { FieldDef, GridAxisItem, GridDef, SectionDef, TemplateDefinition } from '../template-types';
import type { ValueKind } from './expression';

export type Language = 'vi' | 'en';

export interface ValueKeyInfo {
  key: string;
  section: SectionDef;
  /** Set for a scalar field. */
  field?: FieldDef;
  /** Set (with row and column) for a grid cell. */
  grid?: GridDef;
  row?: GridAxisItem;
  column?: GridAxisItem;
  valueKind: ValueKind;
}

export interface TemplateIndex {
  /** Every value key, in form order (section by section, grid cells row by row). */
  keys: string[];
  byKey: Map<string, ValueKeyInfo>;
  kinds: Map<string, ValueKind>;
  grids: Map<string, GridDef>;
}

const indexCache = new WeakMap<TemplateDefinition, TemplateIndex>();

export function gridCellKey(gridCode: string, rowCode: string, columnCode: string): string {
  return `${gridCode}.${rowCode}.${columnCode}`;
}

function valueKindOfField(field: FieldDef): ValueKind {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

/**
 * @description Indexes a template's value keys. Duplicate codes keep the first definition (validateTemplateDefinition
 * reports them).
 * @example indexTemplate(template).byKey.get('learners.g10.female')?.grid?.code // 'learners'
 */
export function indexTemplate(template: TemplateDefinition): TemplateIndex {
  const cached = indexCache.get(template);
  if (cached) return cached;
  const index: TemplateIndex = { keys: [], byKey: new Map(), kinds: new Map(), grids: new Map() };
  const add = (info: ValueKeyInfo) => {
    if (index.byKey.has(info.key)) return;
    index.keys.push(info.key);
    index.byKey.set(info.key, info);
    index.kinds.set(info.key, info.valueKind);
  };
  for (const section of template.sections) {
    for (const field of section.fields) add({ key: field.code, section, field, valueKind: valueKindOfField(field) });
    for (const grid of section.grids ?? []) {
      if (!index.grids.has(grid.code)) index.grids.set(grid.code, grid);
      for (const row of grid.rows) {
        for (const column of grid.columns) {
          add({ key: gridCellKey(grid.code, row.code, column.code), section, grid, row, column, valueKind: 'number' });
        }
      }
    }
  }
  indexCache.set(template, index);
  return index;
}

/** Every value key of a template, in form order. */
export function listValueKeys(template: TemplateDefinition): string[] {
  return [...indexTemplate(template).keys];
}

type Labelled = { labelVi: string; labelEn: string };
const labelOf = (item: Labelled, language: Language) => (language === 'vi' ? item.labelVi : item.labelEn);

/**
 * @description The human label of a value key: a field's label, or "grid – row – column" for a grid cell.
 * A grid code alone gives the grid's label. Unknown keys are returned as they are.
 * @example valueKeyLabel(t, 'exam_candidates', 'vi') // 'Số dự thi'
 */
export function valueKeyLabel(template: TemplateDefinition, key: string, language: Language): string {
  const index = indexTemplate(template);
  const info = index.byKey.get(key);
  if (info?.field) return labelOf(info.field, language);
  if (info?.grid && info.row && info.column) {
    return `${labelOf(info.grid, language)} – ${labelOf(info.row, language)} – ${labelOf(info.column, language)}`;
  }
  const grid = index.grids.get(key);
  return grid ? labelOf(grid, language) : key;
}

/** Label parts of a grid cell, for messages that name the row and column separately. */
export function gridCellLabels(
  template: TemplateDefinition,
  key: string,
  language: Language,
): { grid: string; row: string; column: string } | null {
  const info = indexTemplate(template).byKey.get(key);
  if (!info?.grid || !info.row || !info.column) return null;
  return { grid: labelOf(info.grid, language), row: labelOf(info.row, language), column: labelOf(info.column, language) };
}
