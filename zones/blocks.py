"""StreamField blocks of the zones app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class IncentiveItemBlock(blocks.StructBlock):
    """One incentive a policy grants: tax rate and holidays, import duty, land rent, or something else."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    cit_rate_pct = blocks.DecimalBlock(label=_("corporate income tax rate (%)"), required=False, min_value=0,
                                       max_value=100, decimal_places=2)
    cit_rate_years = blocks.IntegerBlock(label=_("preferential rate for (years)"), required=False, min_value=0)
    exemption_years = blocks.IntegerBlock(label=_("tax exemption (years)"), required=False, min_value=0)
    reduction_years = blocks.IntegerBlock(label=_("tax reduction (years)"), required=False, min_value=0)
    # xgettext:no-python-format
    reduction_pct = blocks.DecimalBlock(label=_("reduction (% of tax payable)"), required=False, min_value=0,
                                        max_value=100, decimal_places=2)
    import_duty_exemption = blocks.BooleanBlock(label=_("import duty exemption on fixed assets"), required=False)
    land_rent_exemption_years = blocks.IntegerBlock(label=_("land rent exemption (years)"), required=False,
                                                    min_value=0)
    other = blocks.TextBlock(label=_("other"), required=False)

    class Meta:
        icon = "tag"
        label = _("incentive")
        template = "zones/blocks/incentive_item.html"
