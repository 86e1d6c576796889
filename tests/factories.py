"""factory_boy factories for the site layer, and the builders every app's tests share: the zone index page
and square boundaries measured in metres."""

import factory
import numpy
import shapely
from django.contrib.auth import get_user_model
from pyproj import Transformer
from shapely.geometry import Polygon, box

from zones.models import ZoneIndexPage

_TO_UTM48N = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)
_FROM_UTM48N = Transformer.from_crs("EPSG:32648", "EPSG:4326", always_xy=True)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("pw-test-1234")


def zone_index(home_page) -> ZoneIndexPage:
    """The zone index page under ``home_page`` (in its language), created and published once."""
    index = ZoneIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = ZoneIndexPage(title="Zones", slug="zones")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def square_m(lon: float, lat: float, side_m: float) -> Polygon:
    """A square of ``side_m`` metres a side (measured in UTM zone 48N, the province's projected CRS) with its
    south-west corner at (``lon``, ``lat``) degrees, as a WGS 84 polygon."""
    x, y = _TO_UTM48N.transform(lon, lat)
    return shapely.transform(box(x, y, x + side_m, y + side_m),
                             lambda xy: numpy.column_stack(_FROM_UTM48N.transform(xy[:, 0], xy[:, 1])))


def square_deg(lon: float, lat: float, size_deg: float = 0.01) -> Polygon:
    """A square of ``size_deg`` degrees a side with its south-west corner at (``lon``, ``lat``) degrees."""
    return box(lon, lat, lon + size_deg, lat + size_deg)
