"""OGC API - Features URLs (outside the language prefix; the language is ``?lang=``)."""

app_name = "ogc"
urlpatterns: list = []
