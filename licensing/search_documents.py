"""What the public search holds about licensing: the procedures in force (registered from
``LicensingConfig.ready()``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.i18n import localized
from search.backends.base import IndexDocument
from search.helpers import LANGUAGES, reverse_or_empty
from search.registry import register

from .models import AgencyLevel, OnlineLevel, Procedure


def procedures_in_force(model):
    """The procedure versions in force today, with their agency."""
    return model.objects.in_force(timezone.localdate()).select_related("agency")


@register("procedure", Procedure, _("Procedure"), procedures_in_force, dated=True, weight=1.5,
          facets={"kind": AgencyLevel, "status": OnlineLevel})
def procedure_documents(procedure) -> list[IndexDocument]:
    """A licensing procedure in force, in every language of the site (Korean, Japanese and Chinese read the
    English fields): name, result, agency, legal basis; its agency's level as kind and how far it can be done
    online as status."""
    documents = []
    for language in LANGUAGES:
        legal = [f"{doc.number} {localized(doc, 'title', language)}" for doc in procedure.legal_basis.all()]
        body = " ".join(filter(None, [procedure.code, localized(procedure, "result", language),
                                      localized(procedure, "reason_all", language), " ".join(legal)]))
        with override(language):
            url = reverse_or_empty("licensing:procedure", [procedure.code]) or procedure.portal_url
            documents.append(IndexDocument(
                doc_type="procedure", object_id=str(procedure.pk), locale=language,
                title=localized(procedure, "name", language), url=url,
                summary=localized(procedure.agency, "name", language), body=body,
                kind=procedure.agency.level, status=procedure.online_level,
            ))
    return documents
