"""The dictionary the portal starts with: what a foreign or Vietnamese investor types for the province's zones,
incentives and procedures. The board edits it afterwards in the admin (Settings > Search synonyms).

Each entry: ``terms`` that mean the same, and ``expands_to``, words a search for the terms also finds without
finding them back.
"""

DEFAULT_SYNONYMS = [
    # Taxes
    ("CIT, corporate income tax, thuế TNDN, thuế thu nhập doanh nghiệp", ""),
    ("PIT, personal income tax, thuế TNCN, thuế thu nhập cá nhân", ""),
    ("VAT, value added tax, thuế GTGT, thuế giá trị gia tăng", ""),
    ("import duty, import tax, thuế nhập khẩu", ""),
    ("tax exemption, miễn thuế", ""),
    ("tax reduction, giảm thuế", ""),
    ("incentive, ưu đãi", ""),
    # Certificates, approvals and permits
    ("IRC, investment registration certificate, investment certificate, giấy chứng nhận đăng ký đầu tư, "
     "GCNĐKĐT", ""),
    ("ERC, enterprise registration certificate, business registration certificate, "
     "giấy chứng nhận đăng ký doanh nghiệp, GCNĐKDN", ""),
    ("investment policy approval, in-principle approval, chấp thuận chủ trương đầu tư", ""),
    ("EIA, environmental impact assessment, ĐTM, đánh giá tác động môi trường", ""),
    ("PCCC, fire safety, fire prevention, fire protection, phòng cháy chữa cháy", ""),
    ("construction permit, building permit, giấy phép xây dựng, GPXD", ""),
    ("work permit, giấy phép lao động", ""),
    ("one-stop shop, một cửa", ""),
    # Places to invest
    ("KCN, industrial park, industrial zone, industrial estate, khu công nghiệp", ""),
    ("KKT, economic zone, khu kinh tế", ""),
    ("border gate, cửa khẩu", ""),
    ("CCN, industrial cluster, cụm công nghiệp", ""),
    ("EPZ, export processing zone, khu chế xuất", ""),
    ("high-tech park, hi-tech park, khu công nghệ cao", ""),
    ("RBF, ready-built factory, ready built factory, nhà xưởng xây sẵn", ""),
    ("factory, nhà máy", "manufacturing, plant, nhà xưởng"),
    ("land lease, land rent, land rental, thuê đất", ""),
    ("industrial land, đất công nghiệp", ""),
    ("infrastructure, hạ tầng", ""),
    ("dry port, inland container depot, ICD, cảng cạn", ""),
    ("wastewater, waste water, nước thải", ""),
    ("power supply, electricity supply, cấp điện", ""),
    ("water supply, cấp nước", ""),
    # Sectors
    ("electronics, điện tử", ""),
    ("semiconductor, bán dẫn, chip", ""),
    ("solar panel, photovoltaic, pin mặt trời, tấm pin mặt trời", ""),
    ("solar power, solar energy, điện mặt trời", ""),
    ("garment, apparel, clothing, may mặc", ""),
    ("textile, dệt", ""),
    ("wood processing, woodworking, chế biến gỗ", ""),
    ("furniture, đồ gỗ, nội thất", ""),
    ("rubber, cao su", ""),
    ("cashew, hạt điều", ""),
    ("food processing, chế biến thực phẩm", ""),
    ("logistics, hậu cần", ""),
    # People and institutions
    ("FDI, foreign direct investment, foreign investment, đầu tư nước ngoài, đầu tư trực tiếp nước ngoài", ""),
    ("investor, nhà đầu tư", ""),
    ("labour, labor, workforce, lao động", ""),
    ("procedure, thủ tục", ""),
    ("IZA, industrial zones authority, ban quản lý các khu công nghiệp", ""),
    ("DPI, department of planning and investment, sở kế hoạch và đầu tư", ""),
]


def create_defaults(model) -> int:
    """Add the default entries to an empty dictionary (``model``: ``Synonym`` or its historical version in a
    migration); returns how many were added. A dictionary the board has filled is left alone."""
    if model.objects.exists():
        return 0
    model.objects.bulk_create([model(terms=terms, expands_to=expands_to) for terms, expands_to in DEFAULT_SYNONYMS])
    return len(DEFAULT_SYNONYMS)
