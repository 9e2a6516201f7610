from django.urls import path

from .. import views
from .views import OrderView

urlpatterns = [
    path("orders/<int:order_id>/", views.show),
]
urlpatterns += [
    path("orders/", OrderView.as_view()),
]
