"""Seed the environmental criteria with a representative subset of Decree 08/2022/NĐ-CP (10 January 2022),
Appendices II to V. Capacities of the first five types are those of Appendix II; every row marked
``simplified`` is a simplification for orientation (its threshold or wording differs from the appendix) and
says so. Editors complete and correct them in the admin."""

from decimal import Decimal

from django.db import migrations

# name (vi, en), item of Appendix II, VSIC prefixes, unit (vi, en), (large, medium, small) thresholds (None: the
# appendix has no such capacity), simplified
ACTIVITIES = [
    (("Sản xuất bột giấy, sản xuất giấy từ nguyên liệu tái chế hoặc từ sinh khối",
      "Pulp, and paper from recycled material or biomass"), "3", "1701",
     ("tấn sản phẩm/năm", "tonnes of product per year"), (50000, 5000, 0), False),
    (("Sản xuất vải, sợi, dệt may (có công đoạn nhuộm, giặt mài hoặc nấu sợi)",
      "Fabrics, yarn and garments with dyeing, stone-washing or fibre boiling"), "5", "131,139,141",
     ("m²/năm", "m² per year"), (50000000, 5000000, 0), False),
    (("Sản xuất hóa chất vô cơ cơ bản, phân bón hóa học, hóa chất bảo vệ thực vật",
      "Basic inorganic chemicals, chemical fertilisers, pesticides (not blending or packing only)"), "4",
     "2011,2012,2021", ("tấn sản phẩm/năm", "tonnes of product per year"), (5000, 1000, 0), False),
    (("Sản xuất thủy tinh (trừ loại hình sử dụng nhiên liệu khí, dầu DO)", "Glass (not fired with gas or diesel oil)"),
     "1", "2310", ("tấn sản phẩm/năm", "tonnes of product per year"), (200000, 5000, 0), False),
    (("Sản xuất gang, thép, luyện kim (trừ cán, kéo, đúc từ phôi nguyên liệu)",
      "Iron, steel and metallurgy (not rolling, drawing or casting from billets)"), "2", "2410,2420",
     ("tấn sản phẩm/năm", "tonnes of product per year"), (300000, 0, None), False),
    (("Sản xuất linh kiện, thiết bị điện, điện tử (ngưỡng minh họa)",
      "Electrical and electronic components and equipment (illustrative thresholds)"), "", "261,262,263,264,27",
     ("tấn sản phẩm/năm", "tonnes of product per year"), (10000, 1000, 0), True),
]
SIZES = [("I", "III", "3", "công suất lớn", "large capacity"), ("II", "IV", "", "công suất trung bình", "medium capacity"),
         ("III", "V", "", "công suất nhỏ", "small capacity")]
# group, order, test, threshold, not in a serviced park, text (vi, en), appendix, simplified
SITE_CRITERIA = [
    ("I", 50, "protected_area", None, False,
     ("Sử dụng đất, mặt nước của khu bảo tồn thiên nhiên, vườn quốc gia, di sản thế giới, khu dự trữ sinh quyển "
      "(giản lược: phụ lục còn xét quy mô)",
      "Uses land or water of a nature reserve, national park, world heritage site or biosphere reserve "
      "(simplified: the appendix also weighs the scale)"), "III", True),
    ("I", 51, "forest", Decimal("20"), False,
     ("Chuyển mục đích sử dụng từ 20 ha đất rừng trở lên (ngưỡng giản lược)",
      "Converts 20 ha of forest land or more (simplified threshold)"), "III", True),
    ("I", 52, "rice_land", Decimal("100"), False,
     ("Chuyển mục đích sử dụng từ 100 ha đất trồng lúa hai vụ trở lên (ngưỡng giản lược)",
      "Converts 100 ha or more of land growing two rice crops a year (simplified threshold)"), "III", True),
    ("I", 53, "relocation", Decimal("20000"), False,
     ("Di dân, tái định cư từ 20.000 người trở lên (giản lược: ở miền núi ngưỡng thấp hơn)",
      "Relocates 20,000 residents or more (simplified: the threshold is lower in mountain areas)"), "III", True),
    ("II", 50, "forest", Decimal("1"), False,
     ("Chuyển mục đích sử dụng từ 1 ha đất rừng trở lên (ngưỡng giản lược)",
      "Converts 1 ha of forest land or more (simplified threshold)"), "IV", True),
    ("II", 51, "rice_land", Decimal("10"), False,
     ("Chuyển mục đích sử dụng từ 10 ha đất trồng lúa hai vụ trở lên (ngưỡng giản lược)",
      "Converts 10 ha or more of land growing two rice crops a year (simplified threshold)"), "IV", True),
    ("II", 52, "relocation", Decimal("300"), False,
     ("Di dân, tái định cư từ 300 người trở lên (ngưỡng giản lược)",
      "Relocates 300 residents or more (simplified threshold)"), "IV", True),
    ("II", 53, "water_source", None, True,
     ("Xả nước thải vào nguồn nước dùng cho cấp nước sinh hoạt (không tính khi nước thải đấu nối vào nhà máy xử lý "
      "tập trung của khu công nghiệp; giản lược)",
      "Discharges wastewater into a source of drinking water (not when it goes to an industrial park's central "
      "treatment plant; simplified)"), "IV", True),
    ("II", 54, "site_area", Decimal("100"), False,
     ("Dự án quy mô lớn, từ 100 ha đất trở lên (giản lược: luật xét quy mô theo phân loại dự án)",
      "A large project of 100 ha or more (simplified: the law measures scale by the project's classification)"),
     "IV", True),
    ("III", 50, "waste", None, False,
     ("Phát sinh nước thải, bụi, khí thải phải xử lý hoặc chất thải nguy hại phải quản lý",
      "Produces wastewater, dust or emissions that must be treated, or hazardous waste that must be managed"),
     "V", False),
]


def _number(value) -> str:
    return f"{value:,}"


def seed(apps, schema_editor):
    Activity = apps.get_model("licensing", "PollutingActivity")
    Criterion = apps.get_model("licensing", "EnvironmentalCriterion")
    if Criterion.objects.exists():
        return
    for order, ((name_vi, name_en), item, prefixes, (unit_vi, unit_en), thresholds, simplified) in enumerate(
            ACTIVITIES):
        activity = Activity.objects.create(name_vi=name_vi, name_en=name_en, item=item, sector_prefixes=prefixes,
                                           unit_vi=unit_vi, unit_en=unit_en, sort_order=order)
        for (group, appendix, size_item, size_vi, size_en), threshold in zip(SIZES, thresholds, strict=True):
            if threshold is None:
                continue
            if threshold:
                text_vi = f"{name_vi}, {size_vi}: từ {_number(threshold).replace(',', '.')} {unit_vi} trở lên"
                text_en = f"{name_en}, {size_en}: {_number(threshold)} {unit_en} or more"
            else:
                text_vi, text_en = f"{name_vi}, {size_vi}: mọi công suất thấp hơn", f"{name_en}, {size_en}: any lower capacity"
            Criterion.objects.create(
                group=group, sort_order=order, test="capacity", activity=activity, threshold=Decimal(threshold),
                text_vi=text_vi, text_en=text_en, appendix=appendix, item=size_item, simplified=simplified)
    for group, order, test, threshold, serviced, (text_vi, text_en), appendix, simplified in SITE_CRITERIA:
        Criterion.objects.create(group=group, sort_order=order, test=test, threshold=threshold,
                                 not_in_serviced_park=serviced, text_vi=text_vi, text_en=text_en, appendix=appendix,
                                 simplified=simplified)


def unseed(apps, schema_editor):
    apps.get_model("licensing", "EnvironmentalCriterion").objects.all().delete()
    apps.get_model("licensing", "PollutingActivity").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("licensing", "0005_agency_hours_and_environmental_criteria")]
    operations = [migrations.RunPython(seed, unseed)]
