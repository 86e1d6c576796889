"""The demo catalogue as data: the FDI chain of an industrial-park project and its domestic variant, in Vietnamese
and English here and in Korean, Japanese and Chinese in ``demo_data/catalogue_translations.json`` (by English text).

Procedure codes, times and fees are illustrative defaults from public sources (verify before use): an
administrator changes them in the admin, never in code."""

import json
from datetime import date
from functools import cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent / "demo_data" / "catalogue_translations.json"
OTHER_LANGUAGES = ("ko", "ja", "zh_hans", "zh_hant")


@cache
def translations() -> dict[str, dict[str, str]]:
    """The catalogue's texts in Korean, Japanese and Chinese, by their English text."""
    return json.loads(TRANSLATIONS.read_text(encoding="utf-8"))["texts"]


def other_languages(field: str, english: str) -> dict[str, str]:
    """The Korean, Japanese and Chinese columns of ``field`` for the English text ``english``:
    ``{"name_ko": ..., "name_ja": ..., "name_zh_hans": ..., "name_zh_hant": ...}``; empty when it has none."""
    texts = translations().get(english, {})
    return {f"{field}_{suffix}": texts[suffix] for suffix in OTHER_LANGUAGES if texts.get(suffix)}


PUBLIC_SERVICE_CENTRE = ("Trung tâm Phục vụ hành chính công tỉnh", "Provincial Public Administration Service Centre")
AGENCIES = [
    # code, name_vi, name_en, level, one-stop centre (vi, en)
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh", "Provincial People's Committee", "province",
     PUBLIC_SERVICE_CENTRE),
    ("bql-kkt", "Ban Quản lý Khu kinh tế tỉnh", "Provincial Economic Zone Management Board", "zone_board",
     ("Bộ phận một cửa Ban Quản lý Khu kinh tế", "One-stop desk of the Economic Zone Management Board")),
    ("so-khdt", "Sở Kế hoạch và Đầu tư", "Department of Planning and Investment", "province",
     PUBLIC_SERVICE_CENTRE),
    ("so-tai-chinh", "Sở Tài chính", "Department of Finance", "province", PUBLIC_SERVICE_CENTRE),
    ("so-tnmt", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", "province",
     PUBLIC_SERVICE_CENTRE),
    ("vp-dang-ky-dat", "Văn phòng Đăng ký đất đai", "Land Registration Office", "province",
     ("Chi nhánh Văn phòng Đăng ký đất đai", "Branch of the Land Registration Office")),
    ("so-xay-dung", "Sở Xây dựng", "Department of Construction", "province", PUBLIC_SERVICE_CENTRE),
    ("cong-an-pccc", "Công an tỉnh (Phòng Cảnh sát PCCC và CNCH)", "Provincial Police (Fire Prevention Division)",
     "province", PUBLIC_SERVICE_CENTRE),
    ("bo-nnmt", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment", "central", ("", "")),
]

DEMO_HOURS = ("Thứ Hai đến Thứ Sáu, 7:00–11:30 và 13:00–17:00 (giờ minh họa)",
              "Monday to Friday, 7:00–11:30 and 13:00–17:00 (illustrative hours)")
#: Contacts of the demo agencies: illustrative, not the agencies' real address, telephone or e-mail.
AGENCY_CONTACTS = {
    code: {"address": f"Số {number} đường Minh Họa, phường Đồng Xoài (địa chỉ minh họa / illustrative address)",
           "phone": f"0271 3800 {number:03d}", "email": f"{code}@demo.invest.local",
           "opening_hours_vi": DEMO_HOURS[0], "opening_hours_en": DEMO_HOURS[1],
           **other_languages("opening_hours", DEMO_HOURS[1])}
    for number, (code, *_rest) in enumerate(AGENCIES, start=1)
}
#: The national public service portal (https://dichvucong.gov.vn) and the national business registration
#: portal (https://dangkykinhdoanh.gov.vn): real sites. The demo links every procedure to the national portal's
#: home page (enterprise registration to the business registration portal), not to its own page there.
NATIONAL_PORTAL = "https://dichvucong.gov.vn/"
BUSINESS_REGISTRATION_PORTAL = "https://dangkykinhdoanh.gov.vn/"

LEGAL_DOCUMENTS = [
    ("61/2020/QH14", "Luật Đầu tư", "Law on Investment", date(2021, 1, 1)),
    ("59/2020/QH14", "Luật Doanh nghiệp", "Law on Enterprises", date(2021, 1, 1)),
    ("72/2020/QH14", "Luật Bảo vệ môi trường", "Law on Environmental Protection", date(2022, 1, 1)),
    ("50/2014/QH13", "Luật Xây dựng", "Law on Construction", date(2015, 1, 1)),
    ("31/2024/QH15", "Luật Đất đai", "Land Law", date(2024, 8, 1)),
    ("31/2021/NĐ-CP", "Nghị định hướng dẫn Luật Đầu tư", "Decree guiding the Law on Investment", date(2021, 3, 26)),
    ("01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp", "Decree on enterprise registration", date(2021, 1, 4)),
    ("136/2020/NĐ-CP", "Nghị định về phòng cháy, chữa cháy", "Decree on fire prevention and fighting",
     date(2021, 1, 10)),
]

V2021 = date(2021, 1, 1)
# Each procedure: code, vi, en, agency, time, unit, online, result (vi, en), legal basis, effective from/to,
# portal (the national portal unless given), applies to all (reason vi, en) or None,
# fees [(amount, currency, note vi, note en)], documents [(vi, en)], requires [codes],
# rules [(reason vi, reason en, [(group, field, operator, value)])].
PROCEDURES = [
    {"code": "DT-01", "vi": "Chấp thuận chủ trương đầu tư (UBND tỉnh)",
     "en": "Investment policy approval (Provincial People's Committee)", "agency": "ubnd-tinh",
     "time": 35, "unit": "calendar", "online": "partial", "basis": ["61/2020/QH14", "31/2021/NĐ-CP"],
     "result": ("Quyết định chấp thuận chủ trương đầu tư", "Investment policy approval decision"),
     "documents": [("Văn bản đề nghị thực hiện dự án đầu tư", "Request to carry out the investment project"),
                   ("Đề xuất dự án đầu tư", "Investment project proposal"),
                   ("Tài liệu chứng minh năng lực tài chính", "Proof of financial capacity")],
     "rules": [("Dự án ngoài khu công nghiệp đề nghị Nhà nước giao, cho thuê đất không qua đấu giá (Luật Đầu tư, "
                "Điều 32)", "A project outside a zone asking the State to allocate or lease land without an "
                "auction (Law on Investment, Art. 32)",
                [(1, "inside_zone", "eq", "false"), (1, "land_area_m2", "gt", "0")])]},
    {"code": "DT-02", "vi": "Chấp thuận chủ trương đầu tư (Ban Quản lý Khu kinh tế)",
     "en": "Investment policy approval (Economic Zone Management Board)", "agency": "bql-kkt",
     "time": 15, "unit": "calendar", "online": "partial", "basis": ["61/2020/QH14", "31/2021/NĐ-CP"],
     "result": ("Quyết định chấp thuận chủ trương đầu tư", "Investment policy approval decision"),
     "documents": [("Văn bản đề nghị thực hiện dự án đầu tư", "Request to carry out the investment project"),
                   ("Đề xuất dự án đầu tư", "Investment project proposal")],
     "rules": [("Dự án trong khu sử dụng từ 50 ha đất hoặc vốn từ 100 triệu USD (ngưỡng minh họa)",
                "A project in a zone using 50 ha of land or more, or 100 million USD or more (demo threshold)",
                [(1, "inside_zone", "eq", "true"), (1, "land_area_m2", "gte", "500000"),
                 (2, "inside_zone", "eq", "true"), (2, "capital_usd", "gte", "100000000")])]},
    {"code": "DT-03", "vi": "Cấp Giấy chứng nhận đăng ký đầu tư (trong khu)",
     "en": "Investment registration certificate (inside a zone)", "agency": "bql-kkt",
     "time": 15, "unit": "calendar", "online": "full", "basis": ["61/2020/QH14", "31/2021/NĐ-CP"],
     "result": ("Giấy chứng nhận đăng ký đầu tư", "Investment registration certificate"), "requires": ["DT-02"],
     "fees": [(0, "VND", "Không thu phí", "No fee")],
     "documents": [("Văn bản đề nghị cấp Giấy chứng nhận đăng ký đầu tư", "Application for the certificate"),
                   ("Hợp đồng thuê lại đất hoặc thỏa thuận nguyên tắc với chủ đầu tư hạ tầng",
                    "Land sub-lease contract or agreement in principle with the park developer"),
                   ("Tài liệu về tư cách pháp lý của nhà đầu tư", "Investor's legal status documents")],
     "rules": [("Tổ chức kinh tế có trên 50% vốn nước ngoài thực hiện dự án trong khu (Luật Đầu tư, Điều 23)",
                "More than 50% foreign-owned, investing in a zone (Law on Investment, Art. 23)",
                [(1, "is_foreign_controlled", "eq", "true"), (1, "inside_zone", "eq", "true")])]},
    {"code": "DT-04", "vi": "Cấp Giấy chứng nhận đăng ký đầu tư (ngoài khu)",
     "en": "Investment registration certificate (outside zones)", "agency": "so-khdt",
     "time": 15, "unit": "calendar", "online": "full", "basis": ["61/2020/QH14", "31/2021/NĐ-CP"],
     "result": ("Giấy chứng nhận đăng ký đầu tư", "Investment registration certificate"), "requires": ["DT-01"],
     "fees": [(0, "VND", "Không thu phí", "No fee")],
     "documents": [("Văn bản đề nghị cấp Giấy chứng nhận đăng ký đầu tư", "Application for the certificate"),
                   ("Đề xuất dự án đầu tư", "Investment project proposal")],
     "rules": [("Tổ chức kinh tế có trên 50% vốn nước ngoài, dự án ngoài khu (Luật Đầu tư, Điều 23)",
                "More than 50% foreign-owned, outside any zone (Law on Investment, Art. 23)",
                [(1, "is_foreign_controlled", "eq", "true"), (1, "inside_zone", "eq", "false")])]},
    {"code": "DN-01", "vi": "Đăng ký thành lập doanh nghiệp", "en": "Enterprise registration",
     "agency": "so-khdt", "time": 3, "unit": "working", "online": "full", "basis": ["59/2020/QH14", "01/2021/NĐ-CP"],
     "portal": BUSINESS_REGISTRATION_PORTAL,
     "effective_to": date(2025, 2, 28),
     "result": ("Giấy chứng nhận đăng ký doanh nghiệp", "Enterprise registration certificate"),
     "requires": ["DT-03", "DT-04"], "all": ("Mọi dự án mới thành lập doanh nghiệp để thực hiện dự án",
                                           "Every new project sets up an enterprise to carry it out"),
     "fees": [(50000, "VND", "Lệ phí đăng ký (miễn khi nộp trực tuyến)", "Registration fee (waived online)"),
              (100000, "VND", "Phí công bố thông tin", "Publication charge")],
     "documents": [("Giấy đề nghị đăng ký doanh nghiệp", "Enterprise registration form"),
                   ("Điều lệ công ty", "Company charter"), ("Danh sách thành viên/cổ đông", "List of members")]},
    {"code": "DN-01", "vi": "Đăng ký thành lập doanh nghiệp", "en": "Enterprise registration",
     "agency": "so-tai-chinh", "time": 3, "unit": "working", "online": "full", "portal": BUSINESS_REGISTRATION_PORTAL,
     "basis": ["59/2020/QH14", "01/2021/NĐ-CP"], "effective_from": date(2025, 3, 1),
     "result": ("Giấy chứng nhận đăng ký doanh nghiệp", "Enterprise registration certificate"),
     "requires": ["DT-03", "DT-04"], "all": ("Mọi dự án mới thành lập doanh nghiệp để thực hiện dự án",
                                           "Every new project sets up an enterprise to carry it out"),
     "fees": [(50000, "VND", "Lệ phí đăng ký (miễn khi nộp trực tuyến)", "Registration fee (waived online)"),
              (100000, "VND", "Phí công bố thông tin", "Publication charge")],
     "documents": [("Giấy đề nghị đăng ký doanh nghiệp", "Enterprise registration form"),
                   ("Điều lệ công ty", "Company charter"), ("Danh sách thành viên/cổ đông", "List of members")]},
    {"code": "DD-01", "vi": "Quyết định cho thuê đất và ký hợp đồng thuê đất",
     "en": "Land lease decision and land lease contract", "agency": "so-tnmt", "time": 20, "unit": "working",
     "online": "partial", "basis": ["31/2024/QH15"], "requires": ["DT-01", "DN-01"],
     "result": ("Quyết định cho thuê đất", "Land lease decision"),
     "documents": [("Đơn xin thuê đất", "Land lease application"),
                   ("Trích lục bản đồ địa chính", "Cadastral map extract")],
     "rules": [("Dự án ngoài khu thuê đất trực tiếp của Nhà nước",
                "A project outside a zone leasing land from the State",
                [(1, "inside_zone", "eq", "false"), (1, "land_area_m2", "gt", "0")])]},
    {"code": "DD-02", "vi": "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất",
     "en": "Land registration and land-use rights certificate", "agency": "vp-dang-ky-dat", "time": 20,
     "unit": "working", "online": "partial", "basis": ["31/2024/QH15"], "requires": ["DD-01", "DN-01"],
     "result": ("Giấy chứng nhận quyền sử dụng đất", "Land-use rights certificate"),
     "fees": [(100000, "VND", "Lệ phí cấp giấy chứng nhận (mức minh họa)", "Certificate fee (demo amount)")],
     "documents": [("Đơn đăng ký đất đai", "Land registration form"),
                   ("Hợp đồng thuê đất hoặc thuê lại đất", "Land lease or sub-lease contract")],
     "rules": [("Dự án sử dụng đất", "The project uses land", [(1, "land_area_m2", "gt", "0")])]},
    {"code": "XD-01", "vi": "Phê duyệt quy hoạch chi tiết tỷ lệ 1/500", "en": "Approval of the 1/500 detailed plan",
     "agency": "so-xay-dung", "time": 25, "unit": "working", "online": "partial", "basis": ["50/2014/QH13"],
     "requires": ["DD-01"], "result": ("Quyết định phê duyệt quy hoạch", "Plan approval decision"),
     "documents": [("Tờ trình đề nghị phê duyệt", "Request for approval"), ("Hồ sơ quy hoạch", "Plan drawings")],
     "rules": [("Dự án xây dựng ngoài khu chưa có quy hoạch chi tiết được duyệt",
                "Construction outside a zone, where no detailed plan is approved",
                [(1, "needs_construction", "eq", "true"), (1, "inside_zone", "eq", "false")])]},
    {"code": "MT-01", "vi": "Thẩm định báo cáo đánh giá tác động môi trường (Bộ)",
     "en": "Environmental impact assessment appraisal (ministry)", "agency": "bo-nnmt", "time": 45,
     "unit": "calendar", "online": "partial", "basis": ["72/2020/QH14"], "requires": ["DT-03", "DT-04", "DT-01"],
     "result": ("Quyết định phê duyệt kết quả thẩm định ĐTM", "EIA approval decision"),
     "fees": [(50000000, "VND", "Phí thẩm định (mức minh họa)", "Appraisal charge (demo amount)")],
     "documents": [("Báo cáo đánh giá tác động môi trường", "Environmental impact assessment report")],
     "rules": [("Dự án nhóm I có nguy cơ tác động xấu đến môi trường ở mức độ cao",
                "Group I project with a high risk of adverse environmental impact",
                [(1, "environmental_group", "eq", "I")])]},
    {"code": "MT-02", "vi": "Thẩm định báo cáo đánh giá tác động môi trường (tỉnh)",
     "en": "Environmental impact assessment appraisal (province)", "agency": "so-tnmt", "time": 30,
     "unit": "calendar", "online": "partial", "basis": ["72/2020/QH14"], "requires": ["DT-03", "DT-04", "DT-01"],
     "result": ("Quyết định phê duyệt kết quả thẩm định ĐTM", "EIA approval decision"),
     "fees": [(30000000, "VND", "Phí thẩm định (mức minh họa)", "Appraisal charge (demo amount)")],
     "documents": [("Báo cáo đánh giá tác động môi trường", "Environmental impact assessment report")],
     "rules": [("Dự án nhóm II", "Group II project", [(1, "environmental_group", "eq", "II")])]},
    {"code": "MT-03", "vi": "Cấp giấy phép môi trường (Bộ)", "en": "Environmental permit (ministry)",
     "agency": "bo-nnmt", "time": 45, "unit": "calendar", "online": "partial", "basis": ["72/2020/QH14"],
     "requires": ["MT-01"], "result": ("Giấy phép môi trường", "Environmental permit"),
     "fees": [(50000000, "VND", "Phí thẩm định (mức minh họa)", "Appraisal charge (demo amount)")],
     "documents": [("Văn bản đề nghị cấp giấy phép môi trường", "Application for the environmental permit"),
                   ("Báo cáo đề xuất cấp giấy phép môi trường", "Environmental permit proposal report")],
     "rules": [("Dự án nhóm I", "Group I project", [(1, "environmental_group", "eq", "I")])]},
    {"code": "MT-04", "vi": "Cấp giấy phép môi trường (tỉnh)", "en": "Environmental permit (province)",
     "agency": "so-tnmt", "time": 30, "unit": "calendar", "online": "partial", "basis": ["72/2020/QH14"],
     "requires": ["MT-02"], "result": ("Giấy phép môi trường", "Environmental permit"),
     "fees": [(20000000, "VND", "Phí thẩm định (mức minh họa)", "Appraisal charge (demo amount)")],
     "documents": [("Văn bản đề nghị cấp giấy phép môi trường", "Application for the environmental permit")],
     "rules": [("Dự án nhóm II hoặc nhóm III có phát sinh chất thải", "Group II or III project producing waste",
                [(1, "environmental_group", "in", "II,III")])]},
    {"code": "PC-01", "vi": "Thẩm duyệt thiết kế về phòng cháy và chữa cháy",
     "en": "Fire-safety design appraisal", "agency": "cong-an-pccc", "time": 15, "unit": "working",
     "online": "partial", "basis": ["136/2020/NĐ-CP"], "requires": ["XD-01", "DN-01"],
     "result": ("Giấy chứng nhận thẩm duyệt thiết kế PCCC", "Fire-safety design approval certificate"),
     "documents": [("Văn bản đề nghị thẩm duyệt", "Request for appraisal"),
                   ("Hồ sơ thiết kế PCCC", "Fire-safety design drawings")],
     "rules": [("Công trình xây dựng mới thuộc diện thẩm duyệt PCCC", "New buildings subject to fire-safety appraisal",
                [(1, "needs_construction", "eq", "true")])]},
    {"code": "XD-02", "vi": "Cấp giấy phép xây dựng", "en": "Construction permit", "agency": "so-xay-dung",
     "time": 20, "unit": "working", "online": "partial", "basis": ["50/2014/QH13"],
     "requires": ["PC-01", "DD-02", "MT-03", "MT-04"], "result": ("Giấy phép xây dựng", "Construction permit"),
     "fees": [(150000, "VND", "Lệ phí cấp phép (mức minh họa)", "Permit fee (demo amount)")],
     "documents": [("Đơn đề nghị cấp giấy phép xây dựng", "Construction permit application"),
                   ("Bản vẽ thiết kế xây dựng", "Construction design drawings")],
     "rules": [("Xây dựng ngoài khu; trong khu có quy hoạch 1/500 được duyệt thì được miễn",
                "Construction outside a zone (inside a zone with an approved 1/500 plan it is exempt)",
                [(1, "needs_construction", "eq", "true"), (1, "inside_zone", "eq", "false")])]},
    {"code": "XD-03", "vi": "Thông báo khởi công xây dựng trong khu công nghiệp",
     "en": "Notice of construction start inside a zone", "agency": "bql-kkt", "time": 5, "unit": "working",
     "online": "full", "basis": ["50/2014/QH13"], "requires": ["PC-01", "MT-03", "MT-04", "DT-03"],
     "result": ("Xác nhận thông báo khởi công", "Acknowledgement of the construction notice"),
     "documents": [("Thông báo khởi công", "Construction start notice"),
                   ("Bản vẽ thiết kế đã thẩm định", "Appraised design drawings")],
     "rules": [("Xây dựng trong khu có quy hoạch 1/500 được duyệt (miễn giấy phép xây dựng)",
                "Construction inside a zone with an approved 1/500 plan (exempt from the construction permit)",
                [(1, "needs_construction", "eq", "true"), (1, "inside_zone", "eq", "true")])]},
]

CALENDAR_EXCEPTIONS = [
    (date(2024, 5, 4), "working", "Làm bù cho ngày nghỉ 29/4/2024 (Thông báo của Bộ LĐ-TB&XH)"),
    (date(2025, 4, 26), "working", "Làm bù cho ngày nghỉ 2/5/2025 (Thông báo của Bộ Nội vụ)"),
    (date(2026, 8, 22), "working", "Làm bù cho ngày nghỉ 31/8/2026 (minh họa; kiểm tra thông báo chính thức)"),
]
