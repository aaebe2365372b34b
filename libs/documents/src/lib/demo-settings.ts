/** SQL through the seed's own connection (system scope, one transaction). */
export type SeedSql = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * The demo Sở's document settings (Thanh Hóa): a deputy director signs for the director. The name is fictional.
 * The other demo province keeps the defaults from its name (documentSettings shows isDefault).
 */
export async function seedDemoDocumentSettings(sql: SeedSql, provinceId: string): Promise<void> {
  await sql(
    `INSERT INTO document_settings (province_id, governing_body, issuing_body, symbol, place, signer_authority, signer_title, signer_name, recipients)
     VALUES ($1, 'UBND TỈNH THANH HÓA', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'SGDĐT', 'Thanh Hóa', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Thị Hồng Nhung', $2)
     ON CONFLICT (province_id) DO NOTHING`,
    [provinceId, ['UBND tỉnh Thanh Hóa (để báo cáo)', 'Bộ GDĐT (để báo cáo)', 'Giám đốc, các Phó Giám đốc Sở', 'Các trung tâm GDTX, GDNN-GDTX', 'Lưu: VT, GDTX']],
  );
}
