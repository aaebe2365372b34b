/**
 * Folds Vietnamese text for search: lower case, diacritics removed, đ → d, spaces collapsed.
 * "Trung tâm Ngoại ngữ" and "trung tam ngoai ngu" fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
