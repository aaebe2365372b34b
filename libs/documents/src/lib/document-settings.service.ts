import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { unitRefOf } from '@gdtx/org';
import { audit, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import type { DocumentSettings, DocumentSettingsInput } from './documents.types';
import { upperVi } from './vietnamese-format';

interface SettingsRow {
  governing_body: string;
  issuing_body: string;
  symbol: string;
  place: string;
  signer_authority: string | null;
  signer_title: string;
  signer_name: string;
  recipients: string[];
  version: number;
  updated_at: Date;
}

/**
 * "Tỉnh Thanh Hóa" → "Thanh Hóa"; "Thành phố Hà Nội" → "Hà Nội" (the place line names the place, not its rank).
 * A unit named after a person keeps its full name (Decree 30/2020, appendix I: "Thành phố Hồ Chí Minh").
 */
export function placeOfProvince(provinceName: string): string {
  const name = provinceName.trim();
  const bare = name.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '').trim();
  return NAMED_AFTER_A_PERSON.includes(bare) ? name.replace(/^TP\.?\s+/iu, 'Thành phố ') : bare;
}

const NAMED_AFTER_A_PERSON = ['Hồ Chí Minh'];

/**
 * What a Sở that saved nothing gets: its governing body from the province's name ("UBND TỈNH THANH HÓA"), the Sở
 * as issuing body, the director as signer (name left blank for the office) and the usual recipients.
 */
export function defaultDocumentSettings(provinceName: string): DocumentSettings {
  return {
    governingBody: `UBND ${upperVi(provinceName)}`,
    issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    symbol: 'SGDĐT',
    place: placeOfProvince(provinceName),
    signerAuthority: null,
    signerTitle: 'GIÁM ĐỐC',
    signerName: '',
    recipients: ['UBND tỉnh (để báo cáo)', 'Bộ GDĐT (để báo cáo)', 'Lưu: VT'],
    isDefault: true,
    version: 0,
    updatedAt: null,
  };
}

const nfc = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The Sở's document settings (table document_settings, owned by this context). */
@Injectable()
export class DocumentSettingsService {
  constructor(private readonly db: TenantDb) {}

  async get(ctx: TenantContext): Promise<DocumentSettings> {
    return this.db.run(ctx, (em) => this.read(em, ctx));
  }

  /** Within the caller's transaction (the document builders read the settings with the figures). */
  async read(em: EntityManager, ctx: TenantContext): Promise<DocumentSettings> {
    const provinceId = requireProvince(ctx);
    const [row]: SettingsRow[] = await em.query(
      `SELECT governing_body, issuing_body, symbol, place, signer_authority, signer_title, signer_name, recipients, version, updated_at
         FROM document_settings WHERE province_id = $1`,
      [provinceId],
    );
    if (row) {
      return {
        governingBody: row.governing_body, issuingBody: row.issuing_body, symbol: row.symbol, place: row.place,
        signerAuthority: row.signer_authority, signerTitle: row.signer_title, signerName: row.signer_name, recipients: row.recipients,
        isDefault: false, version: row.version, updatedAt: row.updated_at,
      };
    }
    const province = await unitRefOf(em, provinceId);
    return defaultDocumentSettings(province?.name ?? '');
  }

  /** Saves the province's settings (Sở only: the write policy is org's app_acts_for_province). */
  async save(ctx: TenantContext, input: DocumentSettingsInput): Promise<DocumentSettings> {
    const provinceId = requireProvince(ctx);
    if (ctx.scope !== 'province') throw Errors.forbidden('Only the Sở saves its document settings', 'Chỉ Sở được lưu thông tin văn bản');
    const clean = {
      governingBody: nfc(input.governingBody), issuingBody: nfc(input.issuingBody), symbol: nfc(input.symbol), place: nfc(input.place),
      signerAuthority: input.signerAuthority ? nfc(input.signerAuthority) || null : null, signerTitle: nfc(input.signerTitle), signerName: nfc(input.signerName),
      recipients: input.recipients.map(nfc).filter(Boolean),
    };
    const empty = (['governingBody', 'issuingBody', 'symbol', 'place', 'signerTitle'] as const).filter((k) => !clean[k]);
    if (empty.length) {
      throw Errors.validation(empty.map((field) => ({ field, messageVi: 'Không được để trống', messageEn: 'Required' })));
    }
    return this.db.run(ctx, async (em) => {
      await em.query(
        `INSERT INTO document_settings (province_id, governing_body, issuing_body, symbol, place, signer_authority, signer_title, signer_name, recipients, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (province_id) DO UPDATE SET governing_body = EXCLUDED.governing_body, issuing_body = EXCLUDED.issuing_body,
           symbol = EXCLUDED.symbol, place = EXCLUDED.place, signer_authority = EXCLUDED.signer_authority, signer_title = EXCLUDED.signer_title,
           signer_name = EXCLUDED.signer_name, recipients = EXCLUDED.recipients, updated_by = EXCLUDED.updated_by,
           version = document_settings.version + 1, updated_at = now()`,
        [provinceId, clean.governingBody, clean.issuingBody, clean.symbol, clean.place, clean.signerAuthority, clean.signerTitle, clean.signerName, clean.recipients, ctx.userId],
      );
      await audit(em, ctx, { provinceId, action: 'DOCUMENT_SETTINGS_SAVED', entity: 'document_settings', entityId: provinceId, data: clean });
      return this.read(em, ctx);
    });
  }
}

function requireProvince(ctx: TenantContext): string {
  if (!ctx.provinceId) throw Errors.forbidden('A province is required', 'Cần chọn một tỉnh');
  return ctx.provinceId;
}
