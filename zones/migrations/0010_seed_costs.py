"""Seed the cost data that are facts of law, each with its source: regional minimum wages (Decrees
74/2024/NĐ-CP and 293/2025/NĐ-CP), EVN's production tariff (Decision 1279/QĐ-BCT), the hours of its time bands,
employer contributions on wages and the standard corporate income tax rate. None is marked checked: the board
checks each against its document in the admin ("Figures to check"). Existing rows are left alone."""

import datetime
from decimal import Decimal

from django.db import migrations

D = datetime.date
VERIFY = " — not checked against the decision: verify."

WAGES = [
    ("Decree 74/2024/NĐ-CP on regional minimum wages (in force from 1 July 2024)", D(2024, 7, 1),
     "",
     {"I": 4_960_000, "II": 4_410_000, "III": 3_860_000, "IV": 3_450_000}),
    ("Decree 293/2025/NĐ-CP on regional minimum wages (in force from 1 January 2026)", D(2026, 1, 1), "",
     {"I": 5_310_000, "II": 4_730_000, "III": 4_140_000, "IV": 3_700_000}),
]
TARIFF_SOURCE = ("Decision 1279/QĐ-BCT of 9 May 2025 of the Ministry of Industry and Trade on electricity retail "
                 "prices, production tariff")
TARIFF_FROM = D(2025, 5, 10)
#: VND/kWh by voltage level: (normal, off-peak, peak).
TARIFF = {"110kv_plus": (1811, 1146, 3266), "22_110kv": (1833, 1190, 3398), "6_22kv": (1899, 1234, 3508),
          "below_6kv": (1987, 1300, 3640)}
BAND_SOURCE = ("Circular 16/2014/TT-BCT on electricity prices, Art. 5 (as amended): normal hours Monday–Saturday "
               "4:00–9:30, 11:30–17:00, 20:00–22:00 and Sunday 4:00–22:00; peak Monday–Saturday 9:30–11:30 and "
               "17:00–20:00; off-peak every day 22:00–4:00. Of a 168-hour week: normal 96 h, peak 30 h, off-peak 42 h")
#: Share of a week's hours by band (%).
BANDS = {"normal": Decimal("57.143"), "peak": Decimal("17.857"), "off_peak": Decimal("25.000")}
CONTRIBUTIONS = [
    ("social", Decimal("17.5"), D(2020, 7, 15),
     "Law on Social Insurance No. 58/2014/QH13 (retirement and survivorship 14%, sickness and maternity 3%); Law on "
     "Occupational Safety and Health No. 84/2015/QH13 and Decree 58/2020/NĐ-CP (occupational accidents and "
     "diseases 0.5%)"),
    ("social", Decimal("17.5"), D(2025, 7, 1),
     "Law on Social Insurance No. 41/2024/QH15 (retirement and survivorship 14%, sickness and maternity 3%); Law on "
     "Occupational Safety and Health No. 84/2015/QH13 and Decree 58/2020/NĐ-CP (occupational accidents and "
     "diseases 0.5%)"),
    ("health", Decimal("3"), D(2018, 12, 1),
     "Law on Health Insurance No. 25/2008/QH12 as amended (No. 46/2014/QH13); Decree 146/2018/NĐ-CP, Art. 7 "
     "(employer two thirds of 4.5%)"),
    ("unemployment", Decimal("1"), D(2015, 1, 1), "Law on Employment No. 38/2013/QH13, Art. 57"),
]
CIT = [
    (Decimal("20"), D(2016, 1, 1), "Law on Corporate Income Tax No. 14/2008/QH12 as amended by Law No. 32/2013/QH13, "
                                   "Art. 10"),
    (Decimal("20"), D(2025, 10, 1), "Law on Corporate Income Tax No. 67/2025/QH15, Art. 10"),
]


def seed(apps, schema_editor):
    wage = apps.get_model("zones", "MinimumWage")
    tariff = apps.get_model("zones", "ElectricityTariff")
    bands = apps.get_model("zones", "ElectricityBandHours")
    contribution = apps.get_model("zones", "EmployerContribution")
    cit = apps.get_model("zones", "CorporateIncomeTaxRate")
    figure_settings = apps.get_model("zones", "FigureSettings")
    if not figure_settings.objects.exists():
        figure_settings.objects.create()
    for source, start, url, amounts in WAGES:
        for region, amount in amounts.items():
            wage.objects.get_or_create(region=region, effective_from=start, defaults={
                "monthly_vnd": Decimal(amount), "source": source + VERIFY, "source_url": url, "as_of": start})
    for level, (normal, off_peak, peak) in TARIFF.items():
        for band, price in (("normal", normal), ("off_peak", off_peak), ("peak", peak)):
            tariff.objects.get_or_create(voltage_level=level, band=band, effective_from=TARIFF_FROM, defaults={
                "price_vnd_kwh": Decimal(price), "source": TARIFF_SOURCE + VERIFY, "as_of": TARIFF_FROM})
    for band, share in BANDS.items():
        bands.objects.get_or_create(band=band, effective_from=D(2014, 7, 1), defaults={
            "share_pct": share, "source": BAND_SOURCE + VERIFY, "as_of": D(2025, 5, 10)})
    for kind, rate, start, source in CONTRIBUTIONS:
        contribution.objects.get_or_create(kind=kind, effective_from=start, defaults={
            "rate_pct": rate, "source": source + VERIFY, "as_of": start})
    for rate, start, source in CIT:
        cit.objects.get_or_create(effective_from=start, defaults={"rate_pct": rate, "source": source + VERIFY,
                                                                  "as_of": start})


class Migration(migrations.Migration):
    dependencies = [("zones", "0009_costs_and_sources")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
