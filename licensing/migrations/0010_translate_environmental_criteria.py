"""The seeded environmental types and criteria (0006) in Korean, Japanese, Simplified and Traditional Chinese.
Only rows still holding the seeded English text get them, and only in empty columns: an editor's text is kept."""

from django.db import migrations

SUFFIXES = ("ko", "ja", "zh_hans", "zh_hant")
ACTIVITIES = {
    "Pulp, and paper from recycled material or biomass": (
        "펄프 및 재활용 원료·바이오매스를 이용한 종이 생산", "パルプ、再生原料又はバイオマスからの紙の製造",
        "纸浆，以及以再生原料或生物质为原料的纸张生产", "紙漿，以及以再生原料或生質物為原料的紙張生產"),
    "Fabrics, yarn and garments with dyeing, stone-washing or fibre boiling": (
        "염색·스톤워싱·원사 정련 공정이 있는 원단·원사·의류 생산",
        "染色、ストーンウォッシュ又は精練工程を伴う生地・糸・衣料品の製造",
        "含染色、石磨水洗或煮纱工序的面料、纱线和服装生产", "含染色、石洗或煮紗工序的布料、紗線及成衣生產"),
    "Basic inorganic chemicals, chemical fertilisers, pesticides (not blending or packing only)": (
        "기초 무기화학물질, 화학비료, 농약 생산 (단순 혼합·포장 제외)",
        "基礎無機化学品、化学肥料、農薬の製造（混合・包装のみを除く）",
        "基础无机化学品、化肥、农药生产（仅混配或包装的除外）",
        "基礎無機化學品、化學肥料、農藥生產（僅混配或包裝者除外）"),
    "Glass (not fired with gas or diesel oil)": (
        "유리 생산 (가스·경유 연료 사용 제외)", "ガラスの製造（ガス・軽油燃料を使用するものを除く）",
        "玻璃生产（使用燃气或柴油燃料的除外）", "玻璃生產（使用燃氣或柴油燃料者除外）"),
    "Iron, steel and metallurgy (not rolling, drawing or casting from billets)": (
        "철강 및 금속 제련 (빌릿으로부터의 압연·인발·주조 제외)",
        "鉄鋼・冶金（ビレットからの圧延・引抜き・鋳造を除く）",
        "钢铁和冶金（以坯料轧制、拉拔或铸造的除外）", "鋼鐵及冶金（以胚料軋製、拉拔或鑄造者除外）"),
    "Electrical and electronic components and equipment (illustrative thresholds)": (
        "전기·전자 부품 및 장비 생산 (예시 기준)", "電気・電子部品及び機器の製造（例示の基準値）",
        "电气、电子元件和设备生产（示例门槛）", "電氣、電子元件及設備生產（示例門檻）"),
}
UNITS = {
    "tonnes of product per year": ("제품 톤/년", "製品トン/年", "吨产品/年", "公噸產品/年"),
    "m² per year": ("m²/년", "m²/年", "m²/年", "m²/年"),
}
#: By group: the size in English, then in each language.
SIZES = {"I": ("large capacity", ("대용량", "大規模", "大规模产能", "大規模產能")),
         "II": ("medium capacity", ("중용량", "中規模", "中等规模产能", "中等規模產能")),
         "III": ("small capacity", ("소용량", "小規模", "小规模产能", "小規模產能"))}
AT_LEAST = ("{name}, {size}: {number} {unit} 이상", "{name}、{size}：{number} {unit}以上",
            "{name}，{size}：{number} {unit}及以上", "{name}，{size}：{number} {unit}以上")
LOWER = ("{name}, {size}: 그 미만의 모든 용량", "{name}、{size}：それ未満のすべての規模",
         "{name}，{size}：低于上述的任何产能", "{name}，{size}：低於上述的任何產能")
SITE_CRITERIA = {
    "Uses land or water of a nature reserve, national park, world heritage site or biosphere reserve "
    "(simplified: the appendix also weighs the scale)": (
        "자연보호구역, 국립공원, 세계유산, 생물권보전지역의 토지·수면을 사용 (간략화: 부록은 규모도 고려)",
        "自然保護区、国立公園、世界遺産又は生物圏保存地域の土地・水面を使用する（簡略化：付録は規模も考慮する）",
        "使用自然保护区、国家公园、世界遗产地或生物圈保护区的土地或水面（简化：附录还考虑规模）",
        "使用自然保護區、國家公園、世界遺產地或生物圈保護區的土地或水面（簡化：附錄亦考量規模）"),
    "Converts 20 ha of forest land or more (simplified threshold)": (
        "산림 토지 20 ha 이상 용도 전환 (간략화한 기준)", "森林20 ha以上を転用する（簡略化した基準値）",
        "转变20公顷及以上林地用途（简化门槛）", "變更20公頃以上林地用途（簡化門檻）"),
    "Converts 100 ha or more of land growing two rice crops a year (simplified threshold)": (
        "2기작 논 100 ha 이상 용도 전환 (간략화한 기준)", "二期作水田100 ha以上を転用する（簡略化した基準値）",
        "转变100公顷及以上双季稻田用途（简化门槛）", "變更100公頃以上雙期稻田用途（簡化門檻）"),
    "Relocates 20,000 residents or more (simplified: the threshold is lower in mountain areas)": (
        "주민 20,000명 이상 이주 (간략화: 산간 지역은 기준이 더 낮음)",
        "住民20,000人以上を移転させる（簡略化：山岳地域では基準値がより低い）",
        "搬迁安置居民20,000人及以上（简化：山区门槛更低）", "搬遷安置居民20,000人以上（簡化：山區門檻較低）"),
    "Converts 1 ha of forest land or more (simplified threshold)": (
        "산림 토지 1 ha 이상 용도 전환 (간략화한 기준)", "森林1 ha以上を転用する（簡略化した基準値）",
        "转变1公顷及以上林地用途（简化门槛）", "變更1公頃以上林地用途（簡化門檻）"),
    "Converts 10 ha or more of land growing two rice crops a year (simplified threshold)": (
        "2기작 논 10 ha 이상 용도 전환 (간략화한 기준)", "二期作水田10 ha以上を転用する（簡略化した基準値）",
        "转变10公顷及以上双季稻田用途（简化门槛）", "變更10公頃以上雙期稻田用途（簡化門檻）"),
    "Relocates 300 residents or more (simplified threshold)": (
        "주민 300명 이상 이주 (간략화한 기준)", "住民300人以上を移転させる（簡略化した基準値）",
        "搬迁安置居民300人及以上（简化门槛）", "搬遷安置居民300人以上（簡化門檻）"),
    "Discharges wastewater into a source of drinking water (not when it goes to an industrial park's central "
    "treatment plant; simplified)": (
        "생활용수 수원에 폐수를 방류 (산업단지 중앙 처리장으로 보내는 경우 제외; 간략화)",
        "飲用水源に排水を放流する（工業団地の集中処理場に送る場合を除く。簡略化）",
        "向饮用水水源排放废水（接入工业园区集中处理厂的除外；简化）",
        "向飲用水水源排放廢水（接入工業區集中處理廠者除外；簡化）"),
    "A large project of 100 ha or more (simplified: the law measures scale by the project's classification)": (
        "100 ha 이상의 대규모 사업 (간략화: 법은 사업 분류에 따라 규모를 판단)",
        "100 ha以上の大規模事業（簡略化：法律は事業の分類により規模を判断する）",
        "100公顷及以上的大型项目（简化：法律按项目分类衡量规模）",
        "100公頃以上的大型項目（簡化：法律依項目分類衡量規模）"),
    "Produces wastewater, dust or emissions that must be treated, or hazardous waste that must be managed": (
        "처리가 필요한 폐수·먼지·배출가스 또는 관리가 필요한 유해폐기물이 발생",
        "処理を要する排水、粉じん、排ガス又は管理を要する有害廃棄物を発生させる",
        "产生须处理的废水、粉尘、废气或须管理的危险废物", "產生須處理的廢水、粉塵、廢氣或須管理的有害廢棄物"),
}


def _fill(row, field: str, texts) -> bool:
    changed = False
    for suffix, text in zip(SUFFIXES, texts, strict=True):
        if not getattr(row, f"{field}_{suffix}"):
            setattr(row, f"{field}_{suffix}", text)
            changed = True
    return changed


def _capacity_texts(criterion, activity) -> tuple[str, tuple[str, ...]] | None:
    """The seeded English text of a capacity criterion and its translations, or None for another criterion."""
    if activity.name_en not in ACTIVITIES or activity.unit_en not in UNITS or criterion.group not in SIZES:
        return None
    size_en, sizes = SIZES[criterion.group]
    names, units = ACTIVITIES[activity.name_en], UNITS[activity.unit_en]
    if criterion.threshold:
        number = f"{int(criterion.threshold):,}"
        english = f"{activity.name_en}, {size_en}: {number} {activity.unit_en} or more"
        return english, tuple(pattern.format(name=name, size=size, number=number, unit=unit)
                              for pattern, name, size, unit in zip(AT_LEAST, names, sizes, units, strict=True))
    english = f"{activity.name_en}, {size_en}: any lower capacity"
    return english, tuple(pattern.format(name=name, size=size)
                          for pattern, name, size in zip(LOWER, names, sizes, strict=True))


def translate(apps, schema_editor):
    Activity = apps.get_model("licensing", "PollutingActivity")
    Criterion = apps.get_model("licensing", "EnvironmentalCriterion")
    for activity in Activity.objects.filter(name_en__in=ACTIVITIES):
        changed = _fill(activity, "name", ACTIVITIES[activity.name_en])
        if activity.unit_en in UNITS:
            changed = _fill(activity, "unit", UNITS[activity.unit_en]) or changed
        if changed:
            activity.save()
    for criterion in Criterion.objects.select_related("activity"):
        if criterion.activity is None:
            texts = SITE_CRITERIA.get(criterion.text_en)
        else:
            english, texts = _capacity_texts(criterion, criterion.activity) or ("", None)
            texts = texts if english == criterion.text_en else None
        if texts and _fill(criterion, "text", texts):
            criterion.save()


class Migration(migrations.Migration):
    dependencies = [("licensing", "0009_other_languages")]
    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
