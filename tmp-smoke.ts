import { writeFileSync } from 'fs';
import { renderDocx } from './libs/documents/src/lib/render/docx';
import { renderPdf } from './libs/documents/src/lib/render/pdf';
import type { OfficialDocument } from './libs/documents/src/lib/official-document';
const doc: OfficialDocument = {
  governingBody: 'UBND TỈNH THANH HÓA', issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO THANH HÓA', numberLine: 'Số:       /BC-SGDĐT',
  placeAndDate: 'Thanh Hóa, ngày 03 tháng 12 năm 2026', documentType: 'BÁO CÁO', summary: 'Tổng hợp số liệu giáo dục thường xuyên năm học 2024-2025',
  body: [
    { kind: 'paragraph', text: 'Căn cứ số liệu báo cáo đã được duyệt của các trung tâm trên Hệ thống giám sát các trung tâm giáo dục thường xuyên, Sở Giáo dục và Đào tạo báo cáo như sau:' },
    { kind: 'heading', text: 'I. CÁC CHỈ SỐ CHỦ YẾU' },
    { kind: 'table', columns: [{ header: 'STT', width: 8, align: 'center' }, { header: 'Chỉ số', width: 40 }, { header: 'Giá trị', width: 18, align: 'right' }, { header: 'Tính lúc', width: 20 }],
      rows: Array.from({ length: 40 }, (_, i) => [String(i + 1), 'Tỷ lệ học viên đạt chuẩn biết chữ mức độ 2 ở độ tuổi 15–60', '1.234,5 %', '14:05 ngày 03/12/2026']) },
    { kind: 'paragraph', text: 'Sở Giáo dục và Đào tạo trân trọng báo cáo./.' },
  ],
  recipients: ['UBND tỉnh (để báo cáo)', 'Bộ GDĐT (để báo cáo)', 'Giám đốc, các PGĐ Sở', 'Lưu: VT, GDTX'],
  signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn Ánh' }, meta: { title: 'Báo cáo', author: 'Sở GDĐT Thanh Hóa' },
};
(async () => {
  writeFileSync('/tmp/docs-smoke/a.docx', await renderDocx(doc));
  writeFileSync('/tmp/docs-smoke/a.pdf', await renderPdf(doc));
  console.log('ok');
})();
