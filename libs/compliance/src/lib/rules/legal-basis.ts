/**
 * Legal basis of each rule, in Vietnamese, as shown with a finding (domain §D3). Where the domain brief marks
 * a source as unconfirmed, the text says what the rule rests on without inventing article numbers.
 */
export const LegalBasisVi = {
  reportTimeliness:
    'Chế độ thông tin, báo cáo định kỳ của trung tâm với Sở GDĐT và phòng GDĐT (Thông tư 21/2018/TT-BGDĐT đối với trung tâm ngoại ngữ, tin học; hướng dẫn của Sở GDĐT về thời hạn báo cáo).',
  licence:
    'Nghị định 125/2024/NĐ-CP: trung tâm phải có quyết định thành lập (cho phép thành lập), quyết định cho phép hoạt động giáo dục và quyết định công nhận giám đốc còn hiệu lực.',
  dormant:
    'Nghị định 125/2024/NĐ-CP, Điều 45: trung tâm không tổ chức hoạt động giáo dục (không tuyển sinh) là căn cứ xem xét đình chỉ hoạt động; yêu cầu rà soát của Sở GDĐT đối với trung tâm không tuyển sinh.',
  noActivityAfterEstablishment:
    'Nghị định 125/2024/NĐ-CP, Điều 45: sau thời hạn 01 năm kể từ ngày quyết định thành lập có hiệu lực mà trung tâm không hoạt động là căn cứ đình chỉ hoạt động giáo dục.',
  foreignTeacherQualification:
    'Thông tư 21/2018/TT-BGDĐT: giáo viên người nước ngoài phải có bằng cao đẳng trở lên và chứng chỉ giảng dạy; giáo viên dạy ngoại ngữ không phải người bản ngữ cần bằng sư phạm ngoại ngữ hoặc năng lực ngoại ngữ từ bậc 5 (KNLNN) trở lên.',
  foreignTeacherDossier:
    'Thông tư 21/2018/TT-BGDĐT; yêu cầu của Sở GDĐT về bổ sung hồ sơ giáo viên người nước ngoài (văn bằng, chứng chỉ, giấy phép lao động, thị thực).',
  inspection:
    'Kết luận thanh tra, kiểm tra của Sở GDĐT; đơn vị phải khắc phục các tồn tại trong thời hạn được yêu cầu.',
  unlicensedOperator:
    'Nghị định 04/2021/NĐ-CP (sửa đổi bởi Nghị định 127/2021/NĐ-CP), Điều 5: xử phạt hành vi tổ chức hoạt động giáo dục khi chưa được cấp phép.',
} as const;
