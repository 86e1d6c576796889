"""``{% localized_text obj "field" %}``: the text in the active language, escaped, marked with its language only
when it fell back to another one."""

from django.template import Context, Template
from django.utils import translation

from licensing.models import LegalDocument
from zones.models import Sector


def render(obj, field="name"):
    return Template('{% load core_i18n %}{% localized_text obj "' + field + '" %}').render(Context({"obj": obj}))


def test_text_in_the_active_language_is_not_wrapped():
    item = Sector(code="C", name_vi="Công nghiệp chế biến, chế tạo", name_en="Manufacturing", name_ja="製造業")
    with translation.override("ja"):
        assert render(item) == "製造業"
    with translation.override("en"):
        assert render(item) == "Manufacturing"


def test_a_fallback_is_marked_with_its_language():
    item = Sector(code="C", name_vi="Công nghiệp chế biến, chế tạo", name_en="Manufacturing", name_zh_hans="制造业")
    with translation.override("zh-hant"):
        assert render(item) == '<span lang="en">Manufacturing</span>'
    with translation.override("ko"):
        assert render(Sector(code="C", name_vi="Chế biến", name_en="")) == '<span lang="vi">Chế biến</span>'


def test_the_text_is_escaped_inside_and_outside_the_span():
    document = LegalDocument(title_vi="Luật <Đầu tư>", title_en="Law <b>on</b> Investment & more",
                             title_ko="투자법 <개정>")
    with translation.override("ko"):
        assert render(document, "title") == "투자법 &lt;개정&gt;"
    with translation.override("ja"):
        assert render(document, "title") == '<span lang="en">Law &lt;b&gt;on&lt;/b&gt; Investment &amp; more</span>'


def test_nothing_renders_nothing():
    with translation.override("ja"):
        assert render(Sector(code="C", name_vi="", name_en="")) == ""
