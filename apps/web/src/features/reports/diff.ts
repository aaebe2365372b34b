import { listValueKeys, valueKeyLabel, type FieldValue, type TemplateDefinition, type ValueMap } from '@gdtx/domain';

export interface Change {
  key: string;
  label: string;
  from: FieldValue;
  to: FieldValue;
}

/** Value changes between two submitted versions, labelled from the template (computed in the browser). */
export function diffValues(template: TemplateDefinition, from: ValueMap, to: ValueMap, language: 'vi' | 'en'): Change[] {
  const known = listValueKeys(template);
  const knownSet = new Set(known);
  // Template order first, then keys the template does not define (shown by their code).
  const keys = [...known, ...Object.keys({ ...from, ...to }).filter((k) => !knownSet.has(k))];
  const changes: Change[] = [];
  for (const key of keys) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (a === b) continue;
    changes.push({ key, label: valueKeyLabel(template, key, language), from: a, to: b });
  }
  return changes;
}

