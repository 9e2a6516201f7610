from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("payments/", views.pay),
    path("api/v2/", include("app.orders.urls")),
    re_path(r"^legacy/(?P<order_id>[0-9]+)/$", views.legacy_order),
    path("beta/", include(views.BETA_URLS)),
]
