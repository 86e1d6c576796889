"""API resource: incentive policies (``/policies``).

Live, public policy pages in the language asked, with what they grant (their ``items`` as data) and who is
eligible in words: each rule's reason, as the policy page shows it, and its conditions described by the rule
engine (``core.rules``), zones and sectors named as the incentive finder names them."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from core.text import name_order
from core.translations import in_language
from zones.models import EligibilityRule, IncentivePolicyPage
from zones.services import rule_sector_labels, zone_names

from .. import keyset
from ..conditional import last_modified, latest
from ..problems import COMMON, NOT_FOUND
from ..schemas import policies as schemas
from .zones import published_in_any_language, storable

router = Router(tags=["policies"])

ORDERING = "title"
#: The largest id a database keeps (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def public_policies() -> QuerySet:
    """Every live, public policy page, in any language."""
    return IncentivePolicyPage.objects.live().public()


def policies_in_language() -> QuerySet:
    """The published policies as a reader of the active language sees them, with their rules and conditions
    (prefetched) and their latest publication (``published``)."""
    rules = EligibilityRule.objects.order_by("sort_order", "pk").prefetch_related("conditions")
    return (in_language(public_policies(), Locale.get_active()).select_related("locale")
            .annotate(published=published_in_any_language(IncentivePolicyPage))
            .prefetch_related(Prefetch("rules", queryset=rules)))


def value_labels() -> dict:
    """How rule conditions name zones and sectors (``core.rules.Condition.describe``): three queries."""
    return {"zone_code": zone_names(), "sector_code": rule_sector_labels()}


def _number(value) -> float | None:
    return None if value is None else float(value)


def item_data(block) -> dict:
    """A block of a policy's ``items`` as plain data."""
    value = block.value
    return {"type": block.block_type, "title": value.get("title") or "",
            "cit_rate_pct": _number(value.get("cit_rate_pct")), "cit_rate_years": value.get("cit_rate_years"),
            "exemption_years": value.get("exemption_years"), "reduction_years": value.get("reduction_years"),
            "reduction_pct": _number(value.get("reduction_pct")),
            "import_duty_exemption": bool(value.get("import_duty_exemption")),
            "land_rent_exemption_years": value.get("land_rent_exemption_years"), "other": value.get("other") or ""}


def rule_data(rule, labels: dict) -> dict:
    """An eligibility rule in words: its reason and its conditions."""
    compiled = rule.compiled()
    return {"reason": rule.reason, "applies_when": compiled.describe(labels),
            "groups": [[condition.describe(labels) for condition in group] for group in compiled.groups]}


def policy_data(policy: IncentivePolicyPage, labels: dict, request, today: datetime.date) -> dict:
    """The public fields of ``policy`` (annotated as ``policies_in_language`` does)."""
    url = request.build_absolute_uri(policy.get_url(request))
    return {
        "id": policy.pk, "slug": policy.slug, "title": policy.title, "language": policy.locale.language_code,
        "summary": policy.summary, "document_number": policy.document_number,
        "document_title": policy.document_title, "article": policy.article,
        "effective_from": policy.effective_from, "effective_to": policy.effective_to,
        "in_force": policy.is_effective_on(today),
        "items": [item_data(block) for block in policy.items],
        "rules": [rule_data(rule, labels) for rule in policy.rules.all()],
        "url": url,
        "links": {"api": request.build_absolute_uri(reverse("api-v1:policy", args=[policy.slug])), "html": url},
        "last_published_at": policy.published,
    }


@router.get("/", response={200: schemas.PolicyList, **COMMON}, url_name="policies", summary="Incentive policies")
def list_policies(request, response: HttpResponse, filters: Query[schemas.PolicyFilters],
                  paging: Query[keyset.PageParams]):
    """The published incentive policies in the language asked, by title; paged with cursors."""
    policies = list(policies_in_language())
    if filters.in_force_on is not None:
        policies = [policy for policy in policies if policy.is_effective_on(filters.in_force_on)]
    page = keyset.page_of_list(request, policies, lambda policy: [name_order(policy.title).hex(), policy.pk],
                               ORDERING, False, paging)
    last_modified(response, latest(*(policy.published for policy in page["results"])))
    labels = value_labels() if page["results"] else {}
    today = timezone.localdate()
    page["results"] = [policy_data(policy, labels, request, today) for policy in page["results"]]
    return page


def find_policy(slug_or_id: str) -> IncentivePolicyPage:
    """The published policy of this slug (or page id), in the active language where translated; 404
    otherwise."""
    pages = public_policies()
    if slug_or_id.isascii() and slug_or_id.isdigit():  # an id: beyond the largest a database keeps, nothing
        matched = pages.filter(pk=int(slug_or_id)) if int(slug_or_id) <= MAX_ID else pages.none()
    else:
        matched = pages.filter(slug=slug_or_id) if storable(slug_or_id) else pages.none()
    candidates = list(policies_in_language().filter(translation_key__in=matched.values("translation_key")))
    if not candidates:
        raise HttpError(404, _("No published incentive policy has this slug or id."))
    active = Locale.get_active().pk
    return min(candidates, key=lambda policy: (policy.locale_id != active, policy.slug != slug_or_id, policy.pk))


@router.get("/{slug_or_id}", response={200: schemas.PolicyDetail, **NOT_FOUND}, url_name="policy",
            summary="One incentive policy")
def get_policy(request, response: HttpResponse, slug_or_id: str):
    """One published incentive policy, by its slug or the id of its page in any language."""
    policy = find_policy(slug_or_id)
    data = policy_data(policy, value_labels(), request, timezone.localdate())
    data["body_html"] = expand_db_html(policy.body) if policy.body else ""
    last_modified(response, policy.published)
    return data
