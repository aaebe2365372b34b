/**
 * The templates shipped as seed data (version 1, built from domain.md §C). The Sở edits them by publishing
 * new versions; these objects are frozen so no caller can change a "published" version by accident.
 */
import type { TemplateDefinition } from '../template-types';
import { GDTX_SCHOOL_YEAR_TEMPLATE, GDTX_SCHOOL_YEAR_TEMPLATE_V2, GDTX_SEMESTER_TEMPLATE, GDTX_SEMESTER_TEMPLATE_V2 } from './gdtx.templates';
import { LANGUAGE_IT_QUARTERLY_TEMPLATE } from './language-it.template';
import { TTHTCD_SEMESTER_TEMPLATE } from './tthtcd.template';
import { XMC_COMMUNE_YEARLY_TEMPLATE, XMC_COMMUNE_YEARLY_TEMPLATE_V2 } from './xmc-commune.template';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const shippedTemplates: readonly TemplateDefinition[] = deepFreeze([
  GDTX_SEMESTER_TEMPLATE,
  GDTX_SCHOOL_YEAR_TEMPLATE,
  GDTX_SEMESTER_TEMPLATE_V2,
  GDTX_SCHOOL_YEAR_TEMPLATE_V2,
  LANGUAGE_IT_QUARTERLY_TEMPLATE,
  TTHTCD_SEMESTER_TEMPLATE,
  XMC_COMMUNE_YEARLY_TEMPLATE,
  XMC_COMMUNE_YEARLY_TEMPLATE_V2,
]);

/**
 * @description A shipped template by code (and version, default: the highest shipped), or undefined.
 * @example findShippedTemplate('LANGUAGE_IT_QUARTERLY')?.periodType // 'QUARTER'
 */
export function findShippedTemplate(code: string, version?: number): TemplateDefinition | undefined {
  const candidates = shippedTemplates.filter(
    (template) => template.code === code && (version === undefined || template.version === version),
  );
  return candidates.sort((a, b) => b.version - a.version)[0];
}
