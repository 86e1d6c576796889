"""A small province in documents of every type (zones, sectors, policies, procedures, projects; Vietnamese and
English), and what an investor types into the search box with the results that must come first."""

from dataclasses import dataclass, field

from search.backends.base import IndexDocument


def doc(doc_type, object_id, locale, title, summary="", body=""):
    return IndexDocument(doc_type, object_id, locale, title, url=f"/{locale}/{doc_type}/{object_id}/",
                         summary=summary, body=body)


CORPUS = [
    # Zones
    doc("zone", "mh3", "en", "Minh Hung III Industrial Park",
        "Industrial park in Chon Thanh town for electronics, semiconductor and supporting industries.",
        "Serviced land, ready-built factories and a wastewater treatment plant. Korean and Japanese investors."),
    doc("zone", "mh3", "vi", "Khu công nghiệp Minh Hưng III",
        "Khu công nghiệp tại thị xã Chơn Thành dành cho điện tử, bán dẫn và công nghiệp hỗ trợ.",
        "Đất sạch, nhà xưởng xây sẵn, nhà máy xử lý nước thải."),
    doc("zone", "dx1", "en", "Dong Xoai I Industrial Park",
        "Industrial park in Dong Xoai city, the provincial capital.",
        "Garment, footwear and food processing; 60 ha of serviced land."),
    doc("zone", "dx1", "vi", "Khu công nghiệp Đồng Xoài I", "Khu công nghiệp tại thành phố Đồng Xoài.",
        "May mặc, da giày, chế biến thực phẩm; 60 ha đất sạch."),
    doc("zone", "bdp", "en", "Bac Dong Phu Industrial Park", "Industrial park in Dong Phu district.",
        "Wood processing and rubber products. Its access road leads north to Xoai Bridge."),
    doc("zone", "bdp", "vi", "Khu công nghiệp Bắc Đồng Phú", "Khu công nghiệp tại huyện Đồng Phú.",
        "Chế biến gỗ, sản phẩm cao su."),
    doc("zone", "ctc", "en", "Chon Thanh Industrial Cluster",
        "Industrial cluster for small manufacturers in Chon Thanh.",
        "Plots from 1 ha; mechanical engineering and packaging."),
    doc("zone", "ctc", "vi", "Cụm công nghiệp Chơn Thành", "Cụm công nghiệp cho doanh nghiệp nhỏ tại Chơn Thành.",
        "Lô đất từ 1 ha; cơ khí và bao bì."),
    doc("zone", "bcx", "en", "Becamex Binh Phuoc Industrial Park",
        "A large industrial park in Chon Thanh for high-tech manufacturing and solar panels.",
        "Power supply from a 110 kV substation; land lease until 2069."),
    doc("zone", "bcx", "vi", "Khu công nghiệp Becamex Bình Phước",
        "Khu công nghiệp lớn tại Chơn Thành, cấp điện qua trạm 110 kV, thu hút đầu tư công nghệ cao.",
        "Thời hạn thuê đất đến năm 2069."),
    doc("zone", "hl", "en", "Hoa Lu Border-Gate Economic Zone",
        "Economic zone at the Hoa Lu border gate with Cambodia.",
        "Loc Ninh district; trade and logistics."),
    doc("zone", "hl", "vi", "Khu kinh tế cửa khẩu Hoa Lư", "Khu kinh tế tại cửa khẩu Hoa Lư giáp Campuchia.",
        "Huyện Lộc Ninh; thương mại và logistics."),
    # Sectors (VSIC): the name with its code, the path and keywords
    doc("sector", "2610", "en", "Manufacture of electronic components (2610)",
        "Manufacturing > Computer, electronic and optical products",
        "Semiconductors, integrated circuits, printed circuit boards, chips."),
    doc("sector", "2610", "vi", "Sản xuất linh kiện điện tử (2610)",
        "Công nghiệp chế biến, chế tạo > Sản phẩm điện tử, máy vi tính và quang học",
        "Bán dẫn, vi mạch tích hợp, bảng mạch in."),
    doc("sector", "1410", "en", "Manufacture of wearing apparel (1410)", "Manufacturing > Textiles and wearing apparel",
        "Garments, clothing, uniforms."),
    doc("sector", "1410", "vi", "May trang phục (1410)", "Công nghiệp chế biến, chế tạo > Dệt may",
        "May mặc, quần áo, đồng phục."),
    doc("sector", "2790", "en", "Manufacture of other electrical equipment (2790)",
        "Manufacturing > Electrical equipment",
        "Solar panels, photovoltaic modules, inverters."),
    doc("sector", "1610", "en", "Sawmilling and planing of wood (1610)", "Manufacturing > Wood and wood products",
        "Wood processing, sawn timber."),
    # Incentive policies
    doc("policy", "cit", "en", "Corporate income tax incentives",
        "CIT rate of 10% for 15 years, exemption for 4 years and a 50% reduction for the next 9 years.",
        "For new investment projects in industrial parks in areas with difficult socio-economic conditions."),
    doc("policy", "cit", "vi", "Ưu đãi thuế thu nhập doanh nghiệp",
        "Thuế suất 10% trong 15 năm, miễn thuế 4 năm, giảm 50% trong 9 năm tiếp theo.",
        "Áp dụng cho dự án đầu tư mới trong khu công nghiệp."),
    doc("policy", "land", "en", "Land rent exemption",
        "No land rent for 11 to 15 years for projects in encouraged sectors.",
        "Applies from the date the land is handed over."),
    doc("policy", "land", "vi", "Miễn tiền thuê đất",
        "Miễn tiền thuê đất từ 11 đến 15 năm cho dự án thuộc ngành nghề ưu đãi."),
    doc("policy", "import", "en", "Import duty exemption for fixed assets",
        "Machinery and equipment imported to create fixed assets are exempt from import duty."),
    doc("policy", "hitech", "en", "Support for electronics and semiconductor projects",
        "Special investment support for projects producing chips and electronic components.", "Decree 182/2024."),
    # Procedures
    doc("procedure", "irc", "en", "Issuing the investment registration certificate", "Industrial Zones Authority",
        "15 working days."),
    doc("procedure", "irc", "vi", "Cấp Giấy chứng nhận đăng ký đầu tư", "Ban Quản lý các khu công nghiệp",
        "15 ngày làm việc."),
    doc("procedure", "erc", "en", "Issuing the enterprise registration certificate", "Department of Finance",
        "3 working days."),
    doc("procedure", "erc", "vi", "Cấp Giấy chứng nhận đăng ký doanh nghiệp", "Sở Tài chính", "3 ngày làm việc."),
    doc("procedure", "eia", "en", "Appraisal of the environmental impact assessment report",
        "Department of Agriculture and Environment", "Required before construction for projects with large emissions."),
    doc("procedure", "eia", "vi", "Thẩm định báo cáo đánh giá tác động môi trường", "Sở Nông nghiệp và Môi trường",
        "Bắt buộc trước khi xây dựng."),
    doc("procedure", "fire", "en", "Approval of the fire prevention design", "Provincial Police, fire and rescue",
        "Needed before the construction permit."),
    doc("procedure", "fire", "vi", "Thẩm duyệt thiết kế phòng cháy chữa cháy", "Công an tỉnh",
        "Cần có trước giấy phép xây dựng."),
    doc("procedure", "cp", "en", "Issuing the construction permit", "Department of Construction", "20 working days."),
    doc("procedure", "cp", "vi", "Cấp giấy phép xây dựng", "Sở Xây dựng", "20 ngày làm việc."),
    doc("procedure", "lease", "en", "Signing the land lease contract", "With the industrial park developer",
        "After the investment registration certificate."),
    doc("procedure", "lease", "vi", "Ký hợp đồng thuê đất", "Với chủ đầu tư hạ tầng khu công nghiệp",
        "Sau khi có Giấy chứng nhận đăng ký đầu tư."),
    # Projects
    doc("project", "p1", "en", "Minh Long electronics factory", "FDI project: electronic components, Korean investor",
        "Minh Hung III Industrial Park, Chon Thanh."),
    doc("project", "p1", "vi", "Nhà máy điện tử Minh Long", "Dự án đầu tư nước ngoài: linh kiện điện tử",
        "KCN Minh Hưng III, Chơn Thành."),
    doc("project", "p2", "en", "Sunrise garment factory", "Garments for export", "Dong Xoai I Industrial Park."),
    doc("project", "p3", "en", "Dong Xoai Trading JSC warehouse", "Logistics", "Dong Xoai city."),
    doc("project", "p4", "en", "Phu Dong rubber processing plant", "Rubber latex", "Xoai hamlet, Dong Phu district."),
    doc("project", "p5", "en", "Binh Phuoc solar panel plant", "Photovoltaic modules",
        "Becamex Binh Phuoc Industrial Park."),
    doc("project", "p6", "en", "Dong Tam brick kiln", "Building materials", "Loc Ninh."),
    doc("project", "p7", "en", "Xoai mango drying workshop", "Dried fruit", "Bu Dang."),
]


@dataclass(frozen=True)
class Case:
    """A query in one language; ``first``: the hits that must come first (as a set, in any order), ``then``:
    those that must follow them; ``absent``: hits that must not be there at all."""

    text: str
    locale: str
    first: set = field(default_factory=set)
    then: set = field(default_factory=set)
    absent: set = field(default_factory=set)
    #: No project before any other type.
    projects_last: bool = False

    def __str__(self):
        return f"{self.text} ({self.locale})"


def k(key: str) -> tuple[str, str, str]:
    """``"zone:mh3:en"`` -> ("zone", "mh3", "en")."""
    doc_type, object_id, locale = key.split(":")
    return doc_type, object_id, locale


CASES = [
    # Sectors and the zones that target them, before any project
    Case("electronics", "en", {"zone:mh3:en", "sector:2610:en", "policy:hitech:en"}, {"project:p1:en"},
         projects_last=True),
    Case("electronic", "en", {"zone:mh3:en", "sector:2610:en", "policy:hitech:en"}, {"project:p1:en"},
         projects_last=True),
    Case("điện tử", "vi", {"zone:mh3:vi", "sector:2610:vi"}, {"project:p1:vi"}, absent={"zone:bcx:vi"},
         projects_last=True),
    Case("semiconductor", "en", {"zone:mh3:en", "sector:2610:en", "policy:hitech:en"}, projects_last=True),
    Case("semiconductors", "en", {"zone:mh3:en", "sector:2610:en", "policy:hitech:en"}, projects_last=True),
    Case("bán dẫn", "vi", {"zone:mh3:vi", "sector:2610:vi"}),
    Case("chip", "en", {"zone:mh3:en"}, {"sector:2610:en", "policy:hitech:en"}),
    Case("solar panels", "en", {"zone:bcx:en", "sector:2790:en"}, {"project:p5:en"}, projects_last=True),
    Case("garment", "en", {"zone:dx1:en", "sector:1410:en"}, {"project:p2:en"}, projects_last=True),
    Case("apparel", "en", {"zone:dx1:en", "sector:1410:en"}, {"project:p2:en"}),
    Case("may mặc", "vi", {"zone:dx1:vi", "sector:1410:vi"}),
    Case("rubber", "en", {"zone:bdp:en"}, {"project:p4:en"}),
    Case("wood processing", "en", {"zone:bdp:en"}, {"sector:1610:en"}),
    # Taxes and incentives
    Case("CIT", "en", {"policy:cit:en"}, absent={"policy:land:en", "policy:import:en"}),
    Case("corporate income tax", "en", {"policy:cit:en"}),
    Case("thuế TNDN", "vi", {"policy:cit:vi"}),
    Case("thuế thu nhập doanh nghiệp", "vi", {"policy:cit:vi"}),
    Case("incentive", "en", {"policy:cit:en"}),
    Case("incentives", "en", {"policy:cit:en"}),
    Case("ưu đãi", "vi", {"policy:cit:vi"}, {"policy:land:vi"}),
    Case("import duty", "en", {"policy:import:en"}),
    Case("land lease", "en", {"zone:bcx:en"}, {"policy:land:en", "procedure:lease:en"}),
    Case("thuê đất", "vi", {"zone:bcx:vi"}, {"policy:land:vi", "procedure:lease:vi"}),
    # Certificates, assessments and permits
    Case("IRC", "en", {"procedure:irc:en"}, {"procedure:lease:en"}),
    Case("investment registration certificate", "en", {"procedure:irc:en"}, {"procedure:lease:en"},
         absent={"procedure:erc:en"}),
    Case("giấy chứng nhận đăng ký đầu tư", "vi", {"procedure:irc:vi"}, {"procedure:lease:vi"},
         absent={"procedure:erc:vi"}),
    Case("GCNĐKĐT", "vi", {"procedure:irc:vi"}),
    Case("ERC", "en", {"procedure:erc:en"}, absent={"procedure:irc:en"}),
    Case("enterprise registration certificate", "en", {"procedure:erc:en"}, absent={"procedure:irc:en"}),
    Case("EIA", "en", {"procedure:eia:en"}),
    Case("environmental impact assessment", "en", {"procedure:eia:en"}),
    Case("ĐTM", "vi", {"procedure:eia:vi"}),
    Case("fire safety", "en", {"procedure:fire:en"}),
    Case("PCCC", "vi", {"procedure:fire:vi"}),
    Case("construction permit", "en", {"procedure:cp:en"}, {"procedure:fire:en"}, absent={"procedure:eia:en"}),
    Case("giấy phép xây dựng", "vi", {"procedure:cp:vi"}, {"procedure:fire:vi"}),
    # Places, kinds of zone and the words around them
    Case("factory", "en", {"zone:mh3:en", "zone:ctc:en", "zone:bcx:en"}, projects_last=True),
    Case("factories", "en", {"zone:mh3:en", "zone:ctc:en", "zone:bcx:en"}, projects_last=True),
    Case("manufacturing", "en", {"zone:ctc:en", "zone:bcx:en"}, absent={"project:p1:en", "project:p2:en"}),
    Case("KCN Minh Hưng", "vi", {"zone:mh3:vi"}, {"project:p1:vi"}),
    Case("industrial park near Chon Thanh", "en", {"zone:mh3:en", "zone:bcx:en"}, {"project:p1:en"},
         absent={"zone:ctc:en"}),
    Case("industrial cluster", "en", {"zone:ctc:en"}, absent={"zone:mh3:en", "zone:bcx:en"}),
    Case("cụm công nghiệp", "vi", {"zone:ctc:vi"}, absent={"zone:mh3:vi", "zone:dx1:vi"}),
    Case("economic zone", "en", {"zone:hl:en"}),
    Case("khu kinh tế", "vi", {"zone:hl:vi"}),
    Case("Hoa Lu", "en", {"zone:hl:en"}),
    Case("minh hung", "en", {"zone:mh3:en"}, {"project:p1:en"}),
    Case("electronics chon thanh", "en", {"zone:mh3:en"}, {"project:p1:en"}),
    Case("wastewater", "en", {"zone:mh3:en"}),
    Case("FDI", "en", {"project:p1:en"}),
    Case("đầu tư nước ngoài", "vi", {"project:p1:vi"}),
    # A place name: the phrase first, its syllables apart after, either syllable alone never
    Case("dong xoai", "en", {"zone:dx1:en"}, {"project:p2:en", "project:p3:en"},
         absent={"project:p6:en", "project:p7:en"}),
    Case("Đồng Xoài", "vi", {"zone:dx1:vi"}, absent={"sector:1410:vi", "zone:bdp:vi"}),
]
