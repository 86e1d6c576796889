"""Demo content of the site layer: locales, the home page in English and Vietnamese, site settings and
a demo administrator; and ``load``, which loads every app's demo under the home pages. Every function is
idempotent: a second run changes nothing."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, SiteSettings

HOME_EN = {
    "title": "Invest in Binh Phuoc",
    "slug": "home",
    "hero_title": "Invest in Binh Phuoc: industrial parks on the road to Ho Chi Minh City and Cambodia",
    "hero_text": (
        "Find a site in the province's industrial parks and the Hoa Lu border-gate economic zone, "
        "see which incentives apply to your project, plan your licences and track them online."
    ),
    "body": (
        "<h2>Why Binh Phuoc</h2><ul><li>About 13 industrial parks and a border-gate economic zone of "
        "over 28,000 ha.</li><li>1,468 public services connected to the National Public Service Portal, "
        "with online payment.</li><li>One-stop and inter-agency one-stop counters in every commune.</li></ul>"
        "<h2>Binh Phuoc is now part of Dong Nai province</h2><p>Since 1 July 2025 the former Binh Phuoc "
        "province and Dong Nai form the new Dong Nai province, with provinces and communes only (districts "
        "were abolished). This site names every place as it is today, for example Minh Hung ward, Dong Nai "
        "province, and keeps the former names so that a search by them still finds it.</p>"
    ),
    "figures": [
        ("157", "projects", "domestic projects registered since the start of the 2020–2025 term"),
        ("110", "projects", "FDI projects registered since the start of the 2020–2025 term"),
        ("1,272", "million USD", "FDI capital registered since the start of the 2020–2025 term"),
        ("378", "projects", "FDI projects in the province, cumulative"),
    ],
}
HOME_VI = {
    "title": "Đầu tư vào Bình Phước",
    "hero_title": "Đầu tư vào Bình Phước: các khu công nghiệp trên trục nối TP. Hồ Chí Minh và Campuchia",
    "hero_text": (
        "Tìm mặt bằng trong các khu công nghiệp và Khu kinh tế cửa khẩu Hoa Lư, xem các ưu đãi áp dụng "
        "cho dự án của bạn, lập kế hoạch thủ tục cấp phép và theo dõi hồ sơ trực tuyến."
    ),
    "body": (
        "<h2>Vì sao chọn Bình Phước</h2><ul><li>Khoảng 13 khu công nghiệp và khu kinh tế cửa khẩu rộng "
        "hơn 28.000 ha.</li><li>1.468 dịch vụ công kết nối Cổng Dịch vụ công quốc gia, có thanh toán "
        "trực tuyến.</li><li>Bộ phận một cửa và một cửa liên thông ở mọi xã.</li></ul>"
        "<h2>Bình Phước nay thuộc tỉnh Đồng Nai</h2><p>Từ ngày 1/7/2025, tỉnh Bình Phước cũ và tỉnh Đồng Nai "
        "hợp nhất thành tỉnh Đồng Nai mới, với hai cấp chính quyền tỉnh và xã (không còn cấp huyện). Trang này "
        "ghi địa danh theo tên hiện nay, ví dụ phường Minh Hưng, tỉnh Đồng Nai, và giữ tên cũ để tìm theo tên "
        "cũ vẫn ra kết quả.</p>"
    ),
    "figures": [
        ("157", "dự án", "dự án trong nước đăng ký từ đầu nhiệm kỳ 2020–2025"),
        ("110", "dự án", "dự án FDI đăng ký từ đầu nhiệm kỳ 2020–2025"),
        ("1.272", "triệu USD", "vốn FDI đăng ký từ đầu nhiệm kỳ 2020–2025"),
        ("378", "dự án", "dự án FDI lũy kế trên địa bàn tỉnh"),
    ],
}
SOURCE = {"en": "Provincial report, 2023 (demo figures)", "vi": "Báo cáo của tỉnh, 2023 (số liệu minh họa)"}


def ensure_locales() -> dict[str, Locale]:
    """Create a Locale for every site language."""
    from django.conf import settings

    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES}


def _fill(page: HomePage, content: dict, language: str) -> None:
    page.title = content["title"]
    page.hero_title = content["hero_title"]
    page.hero_text = content["hero_text"]
    page.body = content["body"]
    page.key_figures = [
        ("figure", {"value": v, "unit": u, "label": label, "source": SOURCE[language]})
        for v, u, label in content["figures"]
    ]


@transaction.atomic
def ensure_home_pages() -> HomePage:
    """The English home page as the default site's root, with its Vietnamese translation."""
    locales = ensure_locales()
    root = Page.get_first_root_node() or Page.add_root(title="Root", locale=locales["en"])
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        # The placeholder page (and its site) that Wagtail's first migration creates give way.
        placeholder = Page.objects.filter(depth=2, content_type__app_label="wagtailcore",
                                          content_type__model="page")
        Site.objects.filter(root_page__in=placeholder).delete()
        placeholder.delete()
        home = HomePage(slug=HOME_EN["slug"], locale=locales["en"])
        _fill(home, HOME_EN, "en")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Invest Portal")
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    if not home.get_translations().filter(locale=locales["vi"]).exists():
        vi_home = home.copy_for_translation(locales["vi"])
        _fill(vi_home, HOME_VI, "vi")
        vi_home.save_revision().publish()
    return home


#: The demo site settings in Korean, Japanese, Simplified and Traditional Chinese.
SITE_SETTINGS_OTHER_LANGUAGES = {
    "organisation_name": ("투자촉진센터 (데모)", "投資促進センター（デモ）", "投资促进中心（演示）",
                          "投資促進中心（示範）"),
    "address": ("베트남 빈프억성 동쏘아이", "ベトナム ビンフオック省 ドンソアイ", "越南平福省同帅", "越南平福省同帥"),
    "footer_text": ("데모 콘텐츠: 수치와 경계는 예시입니다.", "デモ用コンテンツ：数値と境界は例示です。",
                    "演示内容：数据和边界仅作示意。", "示範內容：數據與邊界僅供示意。"),
}


def ensure_site_settings() -> SiteSettings:
    """Contact details of the investment promotion centre (illustrative)."""
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.email:
        settings_obj.organisation_name_en = "Investment Promotion Centre (demo)"
        settings_obj.organisation_name_vi = "Trung tâm Xúc tiến Đầu tư (minh họa)"
        settings_obj.address_en = "Dong Xoai, Binh Phuoc, Viet Nam"
        settings_obj.address_vi = "Đồng Xoài, Bình Phước, Việt Nam"
        settings_obj.email = "invest@example.org"
        settings_obj.phone = "+84 271 000 0000"
        settings_obj.footer_text_en = "Demo content: figures and boundaries are illustrative."
        settings_obj.footer_text_vi = "Nội dung minh họa: số liệu và ranh giới chỉ mang tính minh họa."
        for field, texts in SITE_SETTINGS_OTHER_LANGUAGES.items():
            for suffix, text in zip(("ko", "ja", "zh_hans", "zh_hant"), texts, strict=True):
                setattr(settings_obj, f"{field}_{suffix}", text)
        settings_obj.save()
    return settings_obj


def ensure_admin(username: str, password: str, email: str = "admin@example.org") -> tuple[object, bool]:
    """A superuser for the demo; returns (user, created). An existing user keeps its password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"email": email, "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(password)
        user.save()
    return user, created


def load(progress: Callable[[str], None] | None = None) -> HomePage:
    """Load the demo content of every app, in dependency order: the site layer's home pages and settings,
    then the zones under the home page, the project registry, the licensing catalogue and dossiers, the
    calls to action those apps offer on the home pages, and last the search index. ``progress`` is told the
    name of each step done. Returns the English home page."""
    from licensing import demo as licensing_demo
    from projects import demo as projects_demo
    from promotion import demo as promotion_demo
    from search import demo as search_demo
    from zones import demo as zones_demo

    report = progress or (lambda _step: None)
    home = ensure_home_pages()
    ensure_site_settings()
    report("portal")
    zone_actions = zones_demo.load(home)
    add_calls_to_action(zone_actions)
    report("zones")
    projects_demo.load()
    report("projects")
    licensing_demo.load()
    add_calls_to_action(licensing_demo.CALLS_TO_ACTION)
    report("licensing")
    promotion_demo.load()
    report("promotion")
    search_demo.load()
    report("search")
    return home


def add_calls_to_action(actions: dict[str, list[tuple[str, str, object]]]) -> None:
    """Append calls to action to the home page of each language ("en", "vi"), each title once.

    An action is ``(title, text, target)`` where the target is a page or a path on this site."""
    home = ensure_home_pages()
    for language, items in actions.items():
        page = home.get_translation_or_none(Locale.objects.get(language_code=language))
        if page is None:
            continue
        page = page.specific
        existing = {block.value["title"] for block in page.calls_to_action}
        added = [("action", {"title": title, "text": text,
                             "page": target if isinstance(target, Page) else None,
                             "url": target if isinstance(target, str) else ""})
                 for title, text, target in items if title not in existing]
        if added:
            page.calls_to_action = [(block.block_type, block.value) for block in page.calls_to_action] + added
            page.save_revision().publish()
